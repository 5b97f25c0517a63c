using MassTransit;

namespace AiProd.Saga.Outbox;

/// <summary>
/// How the state machine sends and publishes: never straight to the transport, always into the video's outbox
/// (<see cref="VideoState.Outbox"/>), which the store saves with the state. After the save,
/// <see cref="OutboxDispatchFilter"/> hands what this consume added to the transport; what a crash left behind is sent
/// by <see cref="OutboxRecoveryService"/>.
/// </summary>
public static class SagaOutbox
{
    /// <summary>Sends <paramref name="message"/> to <paramref name="destination"/> once the state is saved.</summary>
    public static void Send(BehaviorContext<VideoState> context, DateTimeOffset now, Uri destination, object message, TimeSpan? delay = null, bool unordered = false) =>
        Add(context, now, OutboxMessage.For(message, destination, delay, unordered));

    /// <summary>Publishes <paramref name="message"/> once the state is saved.</summary>
    public static void Publish(BehaviorContext<VideoState> context, DateTimeOffset now, object message) =>
        Add(context, now, OutboxMessage.For(message, null));

    /// <summary>Adds an entry to <paramref name="video"/>'s outbox, dated by <paramref name="now"/> when it was empty.</summary>
    public static void Add(VideoState video, OutboxMessage entry, DateTimeOffset now)
    {
        lock (video.Outbox)
        {
            if (video.Outbox.Count == 0)
                video.OutboxSinceUnixMs = now.ToUnixTimeMilliseconds();
            video.Outbox.Add(entry with { EnqueuedAtUnixMs = now.ToUnixTimeMilliseconds() });
        }
    }

    /// <summary>
    /// Drops the entries with <paramref name="messageIds"/>; the outbox is then dated by its oldest entry left (none when
    /// empty), so the recovery sweep does not take it for older than it is. Returns whether any was dropped.
    /// </summary>
    public static bool Remove(VideoState video, IReadOnlyCollection<Guid> messageIds)
    {
        lock (video.Outbox)
        {
            var removed = video.Outbox.RemoveAll(m => messageIds.Contains(m.MessageId)) > 0;
            if (video.Outbox.Count == 0)
                video.OutboxSinceUnixMs = null;
            else if (removed && video.Outbox.Where(m => m.EnqueuedAtUnixMs > 0).Select(m => (long?)m.EnqueuedAtUnixMs).Min() is { } oldest)
                video.OutboxSinceUnixMs = oldest;
            return removed;
        }
    }

    private static void Add(BehaviorContext<VideoState> context, DateTimeOffset now, OutboxMessage entry)
    {
        Add(context.Saga, entry, now);
        if (context.TryGetPayload<OutboxTracker>(out var tracker))
            tracker.Track(context.Saga, entry.MessageId);
    }
}

/// <summary>What one consume loaded and added to which video's outbox, so exactly that is sent after the save.</summary>
public sealed class OutboxTracker
{
    private readonly Dictionary<VideoState, List<Guid>> _added = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<VideoState> _loaded = new(ReferenceEqualityComparer.Instance);

    /// <summary>The videos the saga loaded in this consume (saved with it when it succeeds).</summary>
    public IReadOnlyList<VideoState> LoadedVideos
    {
        get
        {
            lock (_added)
                return [.. _loaded];
        }
    }

    public void Loaded(VideoState video)
    {
        lock (_added)
            _loaded.Add(video);
    }

    public void Track(VideoState video, Guid messageId)
    {
        lock (_added)
        {
            if (!_added.TryGetValue(video, out var ids))
                _added[video] = ids = [];
            ids.Add(messageId);
        }
    }

    public IReadOnlyList<(VideoState Video, IReadOnlyList<Guid> MessageIds)> Added
    {
        get
        {
            lock (_added)
                return [.. _added.Select(p => (p.Key, (IReadOnlyList<Guid>)[.. p.Value]))];
        }
    }
}
