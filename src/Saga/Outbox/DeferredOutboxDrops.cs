using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Saga.Outbox;

/// <summary>
/// Drops sent outbox entries in the video's next save instead of a versioned write of their own. After a consume's
/// sends, the sent ids are kept here per video; the next consume of that video drops them from the document it
/// loaded (<see cref="DropSentOutboxFilter"/>), and once its save succeeded they are forgotten. A video with no next
/// event within <see cref="PipelineOptions.OutboxDropDelay"/> gets the old write of its own, and so does every one
/// left when the host stops. A crash in between leaves the entries in the document: the recovery sweep sends them
/// again, with the same message ids, which the saga and the workers ignore as duplicates. A store that lives in
/// process memory (and a delay of zero) drops at once.
/// </summary>
public sealed class DeferredOutboxDrops : IHostedService, IDisposable
{
    private readonly Dictionary<Guid, Pending> _pending = [];
    private readonly IVideoOutboxStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<DeferredOutboxDrops> _logger;
    private readonly TimeSpan _delay;
    private readonly ITimer? _timer;
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public DeferredOutboxDrops(IVideoOutboxStore store, IOptions<PipelineOptions> options, TimeProvider time, ILogger<DeferredOutboxDrops> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _delay = store is InMemoryVideoOutboxStore ? TimeSpan.Zero : options.Value.OutboxDropDelay;
        if (_delay > TimeSpan.Zero)
        {
            var period = TimeSpan.FromTicks(Math.Max(_delay.Ticks / 2, TimeSpan.FromMilliseconds(20).Ticks));
            _timer = time.CreateTimer(_ => _ = FlushAsync(_delay, wait: false, CancellationToken.None), null, period, period);
        }
    }

    /// <summary>Entries of <paramref name="video"/> just sent: dropped now, or in its next save.</summary>
    public Task SentAsync(VideoState video, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
            return Task.CompletedTask;
        if (_timer is null)
            return _store.RemoveSentAsync(video, messageIds, cancellationToken);
        lock (_pending)
        {
            if (!_pending.TryGetValue(video.CorrelationId, out var pending))
                _pending[video.CorrelationId] = pending = new Pending();
            pending.Ids.UnionWith(messageIds);
            pending.Video = video;
            pending.LastSentTicks = _time.GetTimestamp();
        }

        return Task.CompletedTask;
    }

    /// <summary>Drops the entries already sent from <paramref name="video"/> as just loaded, so its save leaves them out.</summary>
    public void DropFrom(VideoState video)
    {
        Guid[] ids;
        lock (_pending)
        {
            if (!_pending.TryGetValue(video.CorrelationId, out var pending))
                return;
            ids = [.. pending.Ids];
        }

        SagaOutbox.Remove(video, ids);
    }

    /// <summary><paramref name="video"/> was saved: the sent entries its document no longer holds need no drop.</summary>
    public void Saved(VideoState video)
    {
        HashSet<Guid> stored;
        lock (video.Outbox)
            stored = [.. video.Outbox.Select(m => m.MessageId)];
        lock (_pending)
        {
            if (!_pending.TryGetValue(video.CorrelationId, out var pending))
                return;
            pending.Ids.RemoveWhere(id => !stored.Contains(id));
            if (pending.Ids.Count == 0)
                _pending.Remove(video.CorrelationId);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The host stops: drop what is left with writes of their own, so a restart sends none of it again.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => FlushAsync(TimeSpan.Zero, wait: true, cancellationToken);

    // The semaphore has no wait handle to free; a flush still running when the timer goes may release it safely.
    public void Dispose() => _timer?.Dispose();

    /// <summary>
    /// Writes the drop of every video whose last send is at least <paramref name="idle"/> old; a tick finding a flush
    /// under way skips, the stop waits for it.
    /// </summary>
    private async Task FlushAsync(TimeSpan idle, bool wait, CancellationToken cancellationToken)
    {
        if (!await _flushing.WaitAsync(wait ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken))
            return;

        try
        {
            List<(VideoState Video, Guid[] Ids)> due;
            lock (_pending)
                due = [.. _pending.Values.Where(p => _time.GetElapsedTime(p.LastSentTicks) >= idle).Select(p => (p.Video, p.Ids.ToArray()))];
            foreach (var (video, ids) in due)
            {
                try
                {
                    await _store.RemoveSentAsync(video, ids, cancellationToken);
                    lock (_pending)
                    {
                        if (_pending.TryGetValue(video.CorrelationId, out var pending))
                        {
                            pending.Ids.ExceptWith(ids);
                            if (pending.Ids.Count == 0)
                                _pending.Remove(video.CorrelationId);
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Kept for the next flush; past OutboxRecoveryAfter the sweep sends them again, with the same ids.
                    _logger.LogWarning(ex, "Dropping {Count} sent outbox message(s) of video {VideoId} failed", ids.Length, video.CorrelationId);
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private sealed class Pending
    {
        public HashSet<Guid> Ids { get; } = [];

        public VideoState Video { get; set; } = null!;

        public long LastSentTicks { get; set; }
    }
}
