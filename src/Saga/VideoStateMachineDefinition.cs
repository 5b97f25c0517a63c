using MassTransit;

namespace AiProd.Saga;

/// <summary>
/// Endpoint settings of the saga: events are retried on store concurrency conflicts (the repository
/// serialises or version-checks updates of one video), and outgoing messages leave only after the state is saved.
/// </summary>
public sealed class VideoStateMachineDefinition : SagaDefinition<VideoState>
{
    public VideoStateMachineDefinition()
    {
        Endpoint(e => e.Name = "video-saga");
        ConcurrentMessageLimit = 32;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<VideoState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
