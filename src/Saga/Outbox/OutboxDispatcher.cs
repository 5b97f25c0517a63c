using MassTransit;
using Microsoft.Extensions.Logging;

namespace AiProd.Saga.Outbox;

/// <summary>Hands outbox entries to the transport, each with its own message id, then drops them from the store.</summary>
public sealed class OutboxDispatcher(IVideoOutboxStore store, TimeProvider time, ILogger<OutboxDispatcher> logger)
{
    /// <summary>
    /// Sends <paramref name="messageIds"/> of <paramref name="video"/>'s outbox (all of it when null) through
    /// <paramref name="send"/> and <paramref name="publish"/>; a delayed entry keeps what is left of its delay. Returns how many were sent.
    /// </summary>
    public async Task<int> DispatchAsync(
        VideoState video,
        IReadOnlyCollection<Guid>? messageIds,
        ISendEndpointProvider send,
        IPublishEndpoint publish,
        CancellationToken cancellationToken)
    {
        var sent = await SendAsync(video, messageIds, send, publish, cancellationToken);
        if (sent.Count > 0)
            await store.RemoveSentAsync(video, sent, cancellationToken);
        return sent.Count;
    }

    /// <summary>As <see cref="DispatchAsync"/>, but leaves the sent entries in the store; returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> SendAsync(
        VideoState video,
        IReadOnlyCollection<Guid>? messageIds,
        ISendEndpointProvider send,
        IPublishEndpoint publish,
        CancellationToken cancellationToken)
    {
        List<OutboxMessage> entries;
        lock (video.Outbox)
            entries = [.. video.Outbox.Where(m => messageIds is null || messageIds.Contains(m.MessageId))];

        if (entries.Count == 0)
            return [];
        var now = time.GetUtcNow();
        foreach (var entry in entries)
        {
            await SendAsync(entry, RemainingDelay(entry, now), send, publish, cancellationToken);
            if (entry.DelayMs is null && entry.EnqueuedAtUnixMs > 0)
                PipelineMetrics.OutboxDispatched(time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(entry.EnqueuedAtUnixMs));
        }

        logger.LogDebug("Sent {Count} outbox message(s) of video {VideoId}", entries.Count, video.CorrelationId);
        return [.. entries.Select(e => e.MessageId)];
    }

    private static async Task SendAsync(OutboxMessage entry, TimeSpan? delay, ISendEndpointProvider send, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var (message, type) = entry.Read();
        if (entry.Destination is null)
        {
            await publish.Publish(message, type, Pipe.Execute<PublishContext>(c => c.MessageId = entry.MessageId), cancellationToken);
            return;
        }

        var endpoint = await send.GetSendEndpoint(new Uri(entry.Destination));
        await endpoint.Send(message, type, Pipe.Execute<SendContext>(c =>
        {
            c.MessageId = entry.MessageId;
            if (delay is { } d && d > TimeSpan.Zero)
                c.Delay = d;
            if (entry.Unordered)
                c.CorrelationId = null;
        }), cancellationToken);
    }

    /// <summary>The delay of a delayed entry less the time it already waited in the outbox (at least 0), or null.</summary>
    private static TimeSpan? RemainingDelay(OutboxMessage entry, DateTimeOffset now)
    {
        if (entry.DelayMs is not { } delay)
            return null;
        var remaining = entry.EnqueuedAtUnixMs + delay - now.ToUnixTimeMilliseconds();
        return TimeSpan.FromMilliseconds(Math.Clamp(remaining, 0, delay));
    }
}
