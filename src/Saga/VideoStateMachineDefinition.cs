using AiProd.Contracts;
using AiProd.Saga.Outbox;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Saga;

/// <summary>
/// Endpoint settings of the saga (<see cref="RoleEndpoints.Saga"/>): events are retried on store concurrency
/// conflicts (the repository serialises or version-checks updates of one video), and outgoing messages (commands,
/// events, the step deadline) are saved with the state in its outbox and leave only after that save
/// (<see cref="OutboxDispatchFilter"/>). A concurrency conflict gets its own
/// quick, jittered retry inside the general one.
/// </summary>
public sealed class VideoStateMachineDefinition : SagaDefinition<VideoState>
{
    public VideoStateMachineDefinition()
    {
        Endpoint(e => e.Name = RoleEndpoints.Saga);
        ConcurrentMessageLimit = 32;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<VideoState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));

        // Optimistic stores (Firestore) reject all but one of the events of a video that arrive together (every
        // ShotRendered of a render round): retry those losers soon and at jittered times so they do not collide again.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<ConcurrencyException>();
            r.Exponential(20, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(20));
        });
        // Inside the retries, so only an attempt whose state (and outbox) was saved sends anything.
        endpointConfigurator.UseFilter(new OutboxDispatchFilter(context.GetRequiredService<OutboxDispatcher>()));
    }
}
