using System.Collections.Concurrent;
using System.Threading.Channels;
using AiProd.Transport.PubSub.V1;
using Grpc.Core;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Batches messages per topic and ordering key: a batch goes out when it reaches the count or byte threshold, or when
/// its first message has waited the batch delay. Messages with a key have one batch in flight at a time, so their order
/// holds; unkeyed ones have up to MaxConcurrentBatches. Transient failures are retried with backoff until PublishTimeout;
/// NOT_FOUND re-creates the topic (and whatever <c>ensure</c> creates with it) once, then retries.
/// </summary>
internal sealed class PublishBatcher(PubSubClient client, string topicId, Func<CancellationToken, Task> ensure) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, KeyLane> _lanes = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private Task? _ensured;

    public string TopicId { get; } = topicId;

    private PubSubTransportOptions Options => client.Options;

    public Task PublishAsync(PubsubMessage message, CancellationToken cancellationToken)
    {
        // After the first publish the topic is known to exist: no call into ensure (and no task) per message.
        var ensured = Volatile.Read(ref _ensured);
        if (ensured is null || !ensured.IsCompletedSuccessfully)
            return EnsureThenPublishAsync(message, cancellationToken);
        return Enqueue(message, cancellationToken);
    }

    private async Task EnsureThenPublishAsync(PubsubMessage message, CancellationToken cancellationToken)
    {
        var ensured = ensure(cancellationToken);
        await ensured.ConfigureAwait(false);
        Volatile.Write(ref _ensured, ensured);
        await Enqueue(message, cancellationToken).ConfigureAwait(false);
    }

    private Task Enqueue(PubsubMessage message, CancellationToken cancellationToken)
    {
        var item = new Pending(message);
        while (true)
        {
            var lane = _lanes.GetOrAdd(message.OrderingKey, static (key, owner) => new KeyLane(owner, key), this);
            if (lane.TryWrite(item))
                break;
            // The lane retired itself between lookup and write (its queue is completed, so the write failed): a new
            // one takes the message.
            lock (_gate)
                _lanes.TryRemove(new KeyValuePair<string, KeyLane>(message.OrderingKey, lane));
        }

        return cancellationToken.CanBeCanceled ? item.Task.WaitAsync(cancellationToken) : item.Task;
    }

    public async ValueTask DisposeAsync()
    {
        List<KeyLane> lanes;
        lock (_gate)
            lanes = [.. _lanes.Values];
        foreach (var lane in lanes)
            lane.Complete();
        await Task.WhenAll(lanes.Select(l => l.Completion)).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await _disposed.CancelAsync().ConfigureAwait(false);
        _disposed.Dispose();
    }

    private void Retire(KeyLane lane)
    {
        lock (_gate)
        {
            if (!lane.TryRetire())
                return;
            _lanes.TryRemove(new KeyValuePair<string, KeyLane>(lane.Key, lane));
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        var request = new PublishRequest { Topic = client.TopicPath(TopicId) };
        request.Messages.AddRange(batch.Select(p => p.Message));
        var options = client.Options;
        var deadline = DateTime.UtcNow + options.PublishTimeout;
        var recreations = 0;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await client.Publisher.PublishAsync(request, deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: _disposed.Token).ConfigureAwait(false);
                foreach (var p in batch)
                    p.TrySetResult();
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && recreations++ < 3)
            {
                // An endpoint's subscription has the topic's id, so forgetting both covers endpoint topics too.
                client.Forget(TopicId, TopicId);
                Volatile.Write(ref _ensured, null);
                try
                {
                    await ensure(_disposed.Token).ConfigureAwait(false);
                    continue;
                }
                catch (Exception ensureFailure) when (ensureFailure is RpcException or OperationCanceledException)
                {
                    Fail(batch, ensureFailure);
                    return;
                }
            }
            catch (RpcException e) when (GrpcErrors.IsTransient(e) && DateTime.UtcNow < deadline)
            {
                var delay = GrpcErrors.Backoff(attempt, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
                try
                {
                    await Task.Delay(delay, _disposed.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException cancelled)
                {
                    Fail(batch, cancelled);
                    return;
                }
            }
            catch (Exception e)
            {
                Fail(batch, e);
                return;
            }
        }
    }

    private static void Fail(List<Pending> batch, Exception e)
    {
        foreach (var p in batch)
            p.TrySetException(e);
    }

    /// <summary>A message waiting for its batch, and (being the completion source itself: one object a message) its publisher's task.</summary>
    private sealed class Pending(PubsubMessage message) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public PubsubMessage Message { get; } = message;

        public int Size { get; } = message.CalculateSize();
    }

    /// <summary>One ordering key's queue, drained by one reader (keyed) or several (unkeyed). Retires when idle.</summary>
    private sealed class KeyLane
    {
        private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);
        private readonly PublishBatcher _owner;
        private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
        private int _retired;

        public KeyLane(PublishBatcher owner, string key)
        {
            _owner = owner;
            Key = key;
            var readers = key.Length == 0 ? owner.Options.MaxConcurrentBatches : 1;
            Completion = Task.WhenAll(Enumerable.Range(0, readers).Select(_ => Task.Run(DrainAsync)));
        }

        public string Key { get; }

        public Task Completion { get; }

        public bool TryWrite(Pending item) => Volatile.Read(ref _retired) == 0 && _queue.Writer.TryWrite(item);

        public void Complete() => _queue.Writer.TryComplete();

        /// <summary>Retires only when nothing is queued; called under the owner's lock, so no writer slips in unseen.</summary>
        public bool TryRetire()
        {
            if (_queue.Reader.Count > 0)
                return false;
            if (Interlocked.Exchange(ref _retired, 1) == 1)
                return false;
            _queue.Writer.TryComplete();
            return true;
        }

        private async Task DrainAsync()
        {
            var options = _owner.Options;
            while (true)
            {
                using var idle = new CancellationTokenSource(IdleTimeout);
                Pending first;
                try
                {
                    if (!await _queue.Reader.WaitToReadAsync(idle.Token).ConfigureAwait(false))
                        return;
                    if (!_queue.Reader.TryRead(out first!))
                        continue;
                }
                catch (OperationCanceledException)
                {
                    _owner.Retire(this);
                    continue;
                }

                var batch = new List<Pending> { first };
                long bytes = first.Size;
                var flushAt = DateTime.UtcNow + options.BatchDelay;
                while (batch.Count < options.BatchMaxMessages && bytes < options.BatchMaxBytes)
                {
                    if (_queue.Reader.TryPeek(out var next))
                    {
                        if (bytes + next.Size > options.BatchMaxBytes)
                            break;
                        if (!_queue.Reader.TryRead(out next))
                            continue;
                        batch.Add(next);
                        bytes += next.Size;
                        continue;
                    }

                    var wait = flushAt - DateTime.UtcNow;
                    if (wait <= TimeSpan.Zero)
                        break;
                    using var timer = new CancellationTokenSource(wait);
                    try
                    {
                        if (!await _queue.Reader.WaitToReadAsync(timer.Token).ConfigureAwait(false))
                            break;
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                await _owner.SendAsync(batch).ConfigureAwait(false);
            }
        }
    }
}
