using MassTransit;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>A test-only message: adds one to a counter saga.</summary>
public sealed record Increment(Guid CorrelationId, int Number) : CorrelatedBy<Guid>;

/// <summary>The smallest versioned saga: counts increments and remembers which arrived; no CreatedAt of its own.</summary>
public sealed class CounterSaga : ISaga, ISagaVersion, InitiatedByOrOrchestrates<Increment>
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public int Count { get; set; }

    public List<int> Numbers { get; set; } = [];

    public Task Consume(ConsumeContext<Increment> context)
    {
        Count++;
        Numbers.Add(context.Message.Number);
        return Task.CompletedTask;
    }
}

/// <summary>Many at once, retried with jitter on conflicts, as a Firestore-backed saga endpoint should be.</summary>
public sealed class CounterSagaDefinition : SagaDefinition<CounterSaga>
{
    public CounterSagaDefinition() => ConcurrentMessageLimit = 16;

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<CounterSaga> sagaConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(40, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(20)));
}
