using AiProd.Transport.PubSub.Tests.Messages;
using MassTransit;

namespace AiProd.Transport.PubSub.Tests;

public sealed class JobState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string? CurrentState { get; set; }

    public string Name { get; set; } = string.Empty;

    public int Steps { get; set; }

    public Guid? TimeoutToken { get; set; }
}

/// <summary>Two steps finish a job; a job that stalls is finished by a scheduled timeout (a delayed message on Pub/Sub).</summary>
public sealed class JobStateMachine : MassTransitStateMachine<JobState>
{
    public JobStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Schedule(() => Timeout, x => x.TimeoutToken, s => s.Delay = TimeSpan.FromSeconds(3));
        Initially(When(Submitted)
            .Then(c => c.Saga.Name = c.Message.Name)
            .Schedule(Timeout, c => new JobTimedOut(c.Saga.CorrelationId))
            .TransitionTo(Running));
        During(Running,
            When(StepDone)
                .Then(c => c.Saga.Steps++)
                .If(c => c.Saga.Steps == 2, done => done
                    .Unschedule(Timeout)
                    .Publish(c => new JobFinished(c.Saga.CorrelationId, c.Saga.Name, c.Saga.Steps, false))
                    .Finalize()),
            When(Timeout!.Received)
                .Publish(c => new JobFinished(c.Saga.CorrelationId, c.Saga.Name, c.Saga.Steps, true))
                .Finalize());
        SetCompletedWhenFinalized();
    }

    public State Running { get; private set; } = null!;

    public Event<JobSubmitted> Submitted { get; private set; } = null!;

    public Event<JobStepDone> StepDone { get; private set; } = null!;

    public Schedule<JobState, JobTimedOut>? Timeout { get; private set; }
}

[Category("Integration")]
public sealed class When_a_saga_runs_over_pubsub
{
    public sealed class FinishedConsumer(Received received) : IConsumer<JobFinished>
    {
        public Task Consume(ConsumeContext<JobFinished> context)
        {
            received.Add(context.Message);
            return Task.CompletedTask;
        }
    }

    private static Task<TestBus> StartAsync() =>
        TestBus.StartAsync(TestBus.NewPrefix(), x =>
        {
            x.AddDelayedMessageScheduler();
            x.AddSagaStateMachine<JobStateMachine, JobState>().InMemoryRepository();
            x.AddConsumer<FinishedConsumer>();
        }, configure: (_, cfg) => cfg.UseDelayedMessageScheduler());

    [Test]
    public async Task Should_move_each_instance_through_its_states_on_published_events()
    {
        await using var bus = await StartAsync();
        var jobs = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();

        foreach (var id in jobs)
            await bus.Bus.Publish(new JobSubmitted(id, $"job-{id:N}"[..10]));
        await Task.Delay(500);
        foreach (var id in jobs)
        {
            await bus.Bus.Publish(new JobStepDone(id, 1));
            await bus.Bus.Publish(new JobStepDone(id, 2));
        }

        await bus.Received.WaitFor(r => r.Of<JobFinished>().Count >= 5, TimeSpan.FromSeconds(30), "five finished jobs");
        var finished = bus.Received.Of<JobFinished>();
        Assert.That(finished.Select(f => f.CorrelationId), Is.EquivalentTo(jobs));
        Assert.That(finished, Has.All.Matches<JobFinished>(f => f is { Steps: 2, TimedOut: false }));
    }

    [Test]
    public async Task Should_fire_a_scheduled_timeout_no_earlier_than_its_delay()
    {
        await using var bus = await StartAsync();
        var id = Guid.NewGuid();
        var started = DateTime.UtcNow;

        await bus.Bus.Publish(new JobSubmitted(id, "stalls"));

        await bus.Received.WaitFor(r => r.Of<JobFinished>().Count == 1, TimeSpan.FromSeconds(30), "the timeout");
        var elapsed = DateTime.UtcNow - started;
        Assert.That(bus.Received.Of<JobFinished>().Single(), Is.EqualTo(new JobFinished(id, "stalls", 0, true)));
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.9)), "the timeout was scheduled 3 s ahead");
    }
}
