using System.Collections.Concurrent;

namespace AiProd.Gateway.Live;

/// <summary>
/// Wakes the event streams of one video at once (an in-process notifier keyed by video id). A signal carries nothing:
/// a woken stream reads the stores, which stay the source of truth, so cursors stay exact whatever woke it.
/// </summary>
public sealed class VideoEventSignals
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _next = new();

    /// <summary>
    /// A task that completes at the next <see cref="Notify"/> of <paramref name="videoId"/>. Take it before reading the
    /// stores: a signal between the read and the wait then completes it, and nothing is missed.
    /// </summary>
    public Task Next(Guid videoId) =>
        _next.GetOrAdd(videoId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Something about <paramref name="videoId"/> changed: every stream waiting on it reads the stores now.</summary>
    public void Notify(Guid videoId)
    {
        if (_next.TryRemove(videoId, out var waiting))
            waiting.TrySetResult();
    }
}
