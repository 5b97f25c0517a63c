using MassTransit;

namespace AiProd.SagaStore.Tests.Conformance;

/// <summary>A small saga every store must keep faithfully; it counts the <see cref="Bump"/> messages it consumed.</summary>
public sealed class ConformanceSaga : ISagaVersion, InitiatedByOrOrchestrates<Bump>, Orchestrates<Finish>
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string? State { get; set; }

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
        endpointConfigurator.UseMessageRetry(r => r.Intervals(10, 20, 50, 100, 200, 400, 800));
}
