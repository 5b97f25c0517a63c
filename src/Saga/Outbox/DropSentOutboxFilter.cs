using MassTransit;

namespace AiProd.Saga.Outbox;

/// <summary>
/// On the saga, after the video is loaded and before the state machine sees it: entries an earlier consume already
/// sent leave the outbox here, so this consume's save drops them (<see cref="DeferredOutboxDrops"/>).
/// </summary>
public sealed class DropSentOutboxFilter(DeferredOutboxDrops drops) : IFilter<SagaConsumeContext<VideoState>>
{
    public void Probe(ProbeContext context) => context.CreateFilterScope("saga-outbox-drop");

    public Task Send(SagaConsumeContext<VideoState> context, IPipe<SagaConsumeContext<VideoState>> next)
    {
        drops.DropFrom(context.Saga);
        if (context.TryGetPayload<OutboxTracker>(out var tracker))
            tracker.Loaded(context.Saga);
        return next.Send(context);
    }
}
