using System.Diagnostics;
using AiProd.Transport.PubSub.Configuration;
using AiProd.Transport.PubSub.Tests.Messages;
using AiProd.Transport.PubSub.Tests.Worker;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>
/// A worker replica in its own process is stopped the way Kubernetes stops a pod (SIGTERM, then a grace period), while
/// another replica of the same endpoint runs in this process.
/// </summary>
[Category("Integration")]
public sealed class When_a_worker_process_is_stopped_with_sigterm
{
    private const string WorkEndpoint = "sigterm-work";

    public sealed record Replica(bool Ordered);

    public sealed record JobStarted(int Number);

    public sealed class ReplicaConsumer(Received received) : IConsumer<SlowJob>
    {
        public async Task Consume(ConsumeContext<SlowJob> context)
        {
            received.Add(new JobStarted(context.Message.Number));
            await Task.Delay(context.Message.Milliseconds, context.CancellationToken);
            received.Add(context.Message);
        }
    }

    public sealed class ReplicaConsumerDefinition : ConsumerDefinition<ReplicaConsumer>
    {
        public ReplicaConsumerDefinition()
        {
            EndpointName = WorkEndpoint;
            ConcurrentMessageLimit = 4;
        }

        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<ReplicaConsumer> consumer, IRegistrationContext context)
        {
            if (endpoint is IPubSubReceiveEndpointConfigurator pubsub)
                pubsub.EnableMessageOrdering = context.GetRequiredService<Replica>().Ordered;
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Should_finish_what_it_started_and_hand_back_the_rest_at_once(bool ordered)
    {
        var prefix = TestBus.NewPrefix();
        var stopTimeout = TimeSpan.FromSeconds(10);
        await using var worker = await WorkerProcess.StartAsync(new WorkerOptions(PubSubEmulator.Host, PubSubEmulator.ProjectId, prefix, WorkEndpoint, ordered, 2, stopTimeout));
        await using var sender = await TestBus.StartAsync(prefix, _ => { });
        var endpoint = await sender.Bus.GetSendEndpoint(new Uri($"queue:{WorkEndpoint}"));
        for (var i = 1; i <= 12; i++)
            await endpoint.Send(new SlowJob(Guid.NewGuid(), i, 1_000));
        await worker.WaitForStarted(2, TimeSpan.FromSeconds(30));
        await using var other = await TestBus.StartAsync(prefix, x =>
        {
            x.AddSingleton(new Replica(ordered));
            x.AddConsumer<ReplicaConsumer, ReplicaConsumerDefinition>();
        });

        var clock = Stopwatch.StartNew();
        worker.Terminate();
        var exited = await worker.WaitForExitAsync(stopTimeout + TimeSpan.FromSeconds(10));
        var exitedAfter = clock.Elapsed;
        await other.Received.WaitFor(r => r.Of<SlowJob>().Count + worker.Completed.Count >= 12, TimeSpan.FromSeconds(20), "all twelve jobs");
        var allDoneAfter = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));

        var byOther = other.Received.Of<SlowJob>().Select(j => j.Number).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exited, Is.True, $"the worker exited on SIGTERM: {worker.Errors}");
            Assert.That(worker.ExitCode, Is.Zero, worker.Errors);
            Assert.That(exitedAfter, Is.LessThan(stopTimeout), "it stopped once its consumers were done, within the grace period");
            Assert.That(worker.Completed, Is.EquivalentTo(worker.Started), "it finished every job it started");
            Assert.That(worker.Completed.Concat(byOther), Is.EquivalentTo(Enumerable.Range(1, 12)), "every job handled to completion exactly once");
            Assert.That(allDoneAfter, Is.LessThan(TimeSpan.FromSeconds(15)), "what it handed back was redelivered at once, not after the 60 s ack deadline");
        });

        // The replica that remains goes on with new work straight away.
        clock.Restart();
        for (var i = 13; i <= 32; i++)
            await endpoint.Send(new SlowJob(Guid.NewGuid(), i, 10));
        await other.Received.WaitFor(r => r.Of<SlowJob>().Count(j => j.Number > 12) == 20, TimeSpan.FromSeconds(15), "twenty jobs sent after the stop");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Should_hand_back_a_job_still_running_at_the_stop_timeout()
    {
        var prefix = TestBus.NewPrefix();
        var stopTimeout = TimeSpan.FromSeconds(2);
        await using var worker = await WorkerProcess.StartAsync(new WorkerOptions(PubSubEmulator.Host, PubSubEmulator.ProjectId, prefix, WorkEndpoint, false, 1, stopTimeout));
        await using var sender = await TestBus.StartAsync(prefix, _ => { });
        await (await sender.Bus.GetSendEndpoint(new Uri($"queue:{WorkEndpoint}"))).Send(new SlowJob(Guid.NewGuid(), 1, 30_000));
        await worker.WaitForStarted(1, TimeSpan.FromSeconds(30));
        await using var other = await TestBus.StartAsync(prefix, x =>
        {
            x.AddSingleton(new Replica(false));
            x.AddConsumer<ReplicaConsumer, ReplicaConsumerDefinition>();
        }, o => o.StopTimeout = TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        worker.Terminate();
        var exited = await worker.WaitForExitAsync(TimeSpan.FromSeconds(20));
        var exitedAfter = clock.Elapsed;

        // The other replica gets it as soon as the worker hands it back.
        await other.Received.WaitFor(r => r.Of<JobStarted>().Any(j => j.Number == 1), TimeSpan.FromSeconds(10), "the job to start on the other replica");
        Assert.Multiple(() =>
        {
            Assert.That(exited, Is.True, worker.Errors);
            Assert.That(exitedAfter, Is.LessThan(stopTimeout + TimeSpan.FromSeconds(6)), "the stop waited for the stop timeout, not for the 30 s job");
            Assert.That(worker.Completed, Is.Empty);
            Assert.That(clock.Elapsed, Is.LessThan(stopTimeout + TimeSpan.FromSeconds(8)), "handed back at the stop timeout, not after the ack deadline");
        });
    }
}
