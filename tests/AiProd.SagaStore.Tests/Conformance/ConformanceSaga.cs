using MassTransit;

namespace AiProd.SagaStore.Tests.Conformance;

/// <summary>A small saga every store must keep faithfully; it counts the <see cref="Bump"/> messages it consumed.</summary>
public sealed class ConformanceSaga : ISagaVersion, InitiatedByOrOrchestrates<Bump>, Orchestrates<Finish>
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string? State { get; set; }

    public string? Owner { get; set; }

    public int Count { get; set; }

    public string Notes { get; set; } = string.Empty;

    public List<string> Tags { get; set; } = [];

    public Task Consume(ConsumeContext<Bump> context)
    {
        Count++;
        State = Count % 2 == 0 ? "even" : "odd";
        return Task.CompletedTask;
    }

    public async Task Consume(ConsumeContext<Finish> context)
    {
        State = "finished";
        if (context is SagaConsumeContext<ConformanceSaga> saga)
            await saga.SetCompleted();
    }
}

/// <summary>Completes a <see cref="ConformanceSaga"/>: MassTransit then asks the repository to delete it.</summary>
public sealed record Finish(Guid CorrelationId) : CorrelatedBy<Guid>;

/// <summary>Adds one to a <see cref="ConformanceSaga"/>'s count, creating it first if needed.</summary>
public sealed record Bump(Guid CorrelationId) : CorrelatedBy<Guid>;

/// <summary>Retries a message that lost a version race, as the video saga's endpoint does.</summary>
public sealed class ConformanceSagaDefinition : SagaDefinition<ConformanceSaga>
{
    public ConformanceSagaDefinition() => ConcurrentMessageLimit = 16;

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<ConformanceSaga> sagaConfigurator,
        IRegistrationContext context) =>
        // The same policy as the video saga: optimistic stores reject all but one of the events racing on one
        // instance, so the losers retry soon, at jittered times, and often enough for a burst of 30.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<ConcurrencyException>();
            r.Exponential(30, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(20));
        });
}
