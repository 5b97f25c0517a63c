using AiProd.Workers.Common;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Common;

/// <summary>
/// Several step consumers on one role endpoint, as the render role's four and the creative role's four are: the retry
/// of an unexpected error is the endpoint's once, and a consumer given a smaller limit than its endpoint does not hold
/// back the others.
/// </summary>
public sealed class When_steps_share_a_role_endpoint
{
    private const string SharedEndpoint = "shared-role-test";

    [Test]
    public async Task Should_run_a_failing_step_once_and_then_its_retries_only()
    {
        await using var provider = await StartAsync(retries: 1);
        var harness = provider.GetRequiredService<ITestHarness>();
        var attempts = provider.GetRequiredService<Attempts>();

        await Send(harness, new AlwaysFails(Guid.NewGuid()));

        Assert.That(await harness.Published.Any<Fault<AlwaysFails>>(), Is.True, "the step faults once its retries are spent");
        Assert.That(attempts.Count, Is.EqualTo(2), "one run and the one retry of Workers:Retries, however many consumers share the endpoint");
    }

    [Test]
    public async Task Should_start_a_step_while_a_consumer_at_its_own_limit_is_busy()
    {
        await using var provider = await StartAsync(retries: 0);
        var harness = provider.GetRequiredService<ITestHarness>();
        var gate = provider.GetRequiredService<Gate>();

        await Send(harness, new Holds(Guid.NewGuid()));
        await gate.Held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Send(harness, new Quick(Guid.NewGuid()));

        // The held step takes its consumer's one slot and one of the endpoint's two: the quick one has the other.
        var quick = await harness.Consumed.Any<Quick>();
        var heldStillRunning = !gate.Release.Task.IsCompleted;
        gate.Release.TrySetResult();
        Assert.Multiple(() =>
        {
            Assert.That(quick, Is.True, "the quick step ran while the held one was still running");
            Assert.That(heldStillRunning, Is.True);
        });
    }

    /// <summary>The three steps on one endpoint, started.</summary>
    private static async Task<ServiceProvider> StartAsync(int retries)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<Attempts>()
            .AddSingleton<Gate>()
            .Configure<WorkerOptions>(o => o.Retries = retries);
        services.AddMassTransitTestHarness(x =>
        {
            x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(5));
            x.AddConsumer<FailingStep, FailingStepDefinition>();
            x.AddConsumer<HoldingStep, HoldingStepDefinition>();
            x.AddConsumer<QuickStep, QuickStepDefinition>();
        });
        var provider = services.BuildServiceProvider(true);
        await provider.GetRequiredService<ITestHarness>().Start();
        return provider;
    }

    private static async Task Send<T>(ITestHarness harness, T message)
        where T : class =>
        await (await harness.Bus.GetSendEndpoint(new Uri($"queue:{SharedEndpoint}"))).Send(message);

    public sealed record AlwaysFails(Guid Id);

    public sealed record Holds(Guid Id);

    public sealed record Quick(Guid Id);

    private sealed class Attempts
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class Gate
    {
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class FailingStep(Attempts attempts) : IConsumer<AlwaysFails>
    {
        public Task Consume(ConsumeContext<AlwaysFails> context)
        {
            attempts.Add();
            throw new InvalidOperationException("an unexpected error");
        }
    }

    private sealed class HoldingStep(Gate gate) : IConsumer<Holds>
    {
        public async Task Consume(ConsumeContext<Holds> context)
        {
            gate.Held.TrySetResult();
            await gate.Release.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private sealed class QuickStep : IConsumer<Quick>
    {
        public Task Consume(ConsumeContext<Quick> context) => Task.CompletedTask;
    }

    // Each consumer may run one message at a time; the endpoint takes two.
    private sealed class FailingStepDefinition(IOptions<WorkerOptions> options)
        : StepConsumerDefinition<FailingStep>(options, _ => 1, SharedEndpoint, _ => 2);

    private sealed class HoldingStepDefinition(IOptions<WorkerOptions> options)
        : StepConsumerDefinition<HoldingStep>(options, _ => 1, SharedEndpoint, _ => 2);

    private sealed class QuickStepDefinition(IOptions<WorkerOptions> options)
        : StepConsumerDefinition<QuickStep>(options, _ => 1, SharedEndpoint, _ => 2);
}
