using MassTransit;

namespace AiProd.Saga.Outbox;

/// <summary>
/// On the saga's endpoint, inside its retries: each attempt gets a fresh <see cref="OutboxTracker"/>; when the
/// attempt succeeded (the state and its outbox are saved), what it added to the outbox goes to the transport and is
/// then dropped from the store, in the video's next save (<see cref="DeferredOutboxDrops"/>). An attempt that failed
/// sends nothing: its entries were never saved.
/// </summary>
public sealed class OutboxDispatchFilter(OutboxDispatcher dispatcher, DeferredOutboxDrops drops) : IFilter<ConsumeContext>
{
    public void Probe(ProbeContext context) => context.CreateFilterScope("saga-outbox");

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var tracker = new OutboxTracker();
        context.AddOrUpdatePayload(() => tracker, _ => tracker);
        await next.Send(context);

        foreach (var video in tracker.LoadedVideos)
            drops.Saved(video);
        foreach (var (video, messageIds) in tracker.Added)
        {
            var sent = await dispatcher.SendAsync(video, messageIds, context, context, context.CancellationToken);
            await drops.SentAsync(video, sent, context.CancellationToken);
        }
    }
}
