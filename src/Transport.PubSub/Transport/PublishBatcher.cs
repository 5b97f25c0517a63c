using System.Collections.Concurrent;
using Grpc.Core;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Batches a topic's messages: a batch goes out when it reaches the count or byte threshold, or when its first message
/// has waited the batch delay. Unkeyed messages go through one lane with up to MaxConcurrentBatches batches in flight.
/// Keyed ones share one ready queue for the topic (<see cref="KeyedPublishQueue"/>): a request takes the messages of
/// every ready key it can hold, and a key is in one request at a time, so its order holds — a key per video costs
/// neither a request nor a lane or timer of its own. Transient failures are retried with backoff
/// until PublishTimeout; NOT_FOUND re-creates the topic (and whatever <c>ensure</c> creates with it) once, then retries.
/// </summary>
internal sealed class PublishBatcher : IAsyncDisposable
{
    private readonly PubSubClient _client;
    private readonly Func<CancellationToken, Task> _ensure;
    private readonly ConcurrentDictionary<string, KeyLane> _lanes = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly KeyedPublishQueue _keyed;
    private long _requests;
    private Task? _ensured;

    public PublishBatcher(PubSubClient client, string topicId, Func<CancellationToken, Task> ensure)
    {
        _client = client;
        _ensure = ensure;
        TopicId = topicId;
        _keyed = new KeyedPublishQueue(_client.Options, SendAsync);
    }

    public string TopicId { get; }

    /// <summary>Ordering keys with a message queued or in a request.</summary>
    internal int KeysHeld => _keyed.KeysHeld;

    /// <summary>Publish requests made so far, retries included.</summary>
    internal long RequestsSent => Interlocked.Read(ref _requests);

    private PubSubTransportOptions Options => _client.Options;

    public Task PublishAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        // After the first publish the topic is known to exist: no call into ensure (and no task) per message.
        var ensured = Volatile.Read(ref _ensured);
        if (ensured is null || !ensured.IsCompletedSuccessfully)
            return EnsureThenPublishAsync(message, cancellationToken);
        return Enqueue(message, cancellationToken);
    }

    private async Task EnsureThenPublishAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var ensured = _ensure(cancellationToken);
        await ensured.ConfigureAwait(false);
        Volatile.Write(ref _ensured, ensured);
        await Enqueue(message, cancellationToken).ConfigureAwait(false);
    }

    private Task Enqueue(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var item = new Pending(message);
        if (message.OrderingKey.Length > 0)
            _keyed.Add(message.OrderingKey, item);
        else
            AddUnkeyed(item);
        return cancellationToken.CanBeCanceled ? item.Task.WaitAsync(cancellationToken) : item.Task;
    }

    private void AddUnkeyed(Pending item)
    {
        var message = item.Message;
        while (true)
        {
            var lane = _lanes.GetOrAdd(message.OrderingKey, static (key, owner) => new KeyLane(owner, key), this);
            if (lane.TryAdd(item))
                break;
            // The lane retired itself between lookup and add: a new one takes the message.
            lock (_gate)
                _lanes.TryRemove(new KeyValuePair<string, KeyLane>(message.OrderingKey, lane));
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<KeyLane> lanes;
        lock (_gate)
            lanes = [.. _lanes.Values];
        foreach (var lane in lanes)
            lane.Complete();
        await Task.WhenAll(lanes.Select(l => l.Completion).Append(_keyed.DrainAsync())).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _keyed.Dispose();
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
        var messages = new OutgoingMessage[batch.Count];
        for (var i = 0; i < messages.Length; i++)
            messages[i] = batch[i].Message;
        var request = new PublishBatchRequest(_client.TopicPath(TopicId), messages);
        var options = _client.Options;
        var deadline = DateTime.UtcNow + options.PublishTimeout;
        var recreations = 0;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Interlocked.Increment(ref _requests);
                await _client.PublishAsync(request, DateTime.UtcNow.AddSeconds(60), _disposed.Token).ConfigureAwait(false);
                Complete(batch, null);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && recreations++ < 3)
            {
                // An endpoint's subscription has the topic's id, so forgetting both covers endpoint topics too.
                _client.Forget(TopicId, TopicId);
                Volatile.Write(ref _ensured, null);
                try
                {
                    await _ensure(_disposed.Token).ConfigureAwait(false);
                    continue;
                }
                catch (Exception ensureFailure) when (ensureFailure is RpcException or OperationCanceledException)
                {
                    Complete(batch, ensureFailure);
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
                    Complete(batch, cancelled);
                    return;
                }
            }
            catch (Exception e)
            {
                Complete(batch, e);
                return;
            }
        }
    }

    /// <summary>
    /// A message waiting for its batch, and (being the completion source itself: one object a message) its publisher's
    /// task. Its continuation runs inline, from the one work item that completes the whole batch (see <see cref="Complete"/>).
    /// </summary>
    internal sealed class Pending(OutgoingMessage message) : TaskCompletionSource
    {
        public OutgoingMessage Message { get; } = message;

        public int Size => Message.Size;
    }

    /// <summary>
    /// Completes a batch's publishers on one thread-pool work item: one hop a batch rather than one a message, and never
    /// on the batcher's own send loop, so a publisher's continuation cannot hold up the next batch.
    /// </summary>
    private static void Complete(List<Pending> batch, Exception? failure) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            foreach (var p in state.Batch)
            {
                if (state.Failure is null)
                    p.TrySetResult();
                else
                    p.TrySetException(state.Failure);
            }
        }, (Batch: batch, Failure: failure), preferLocal: false);

    /// <summary>
    /// The unkeyed messages. A publisher adds its message to the open batch under the lane's lock (nothing else
    /// happens per message); a batch is sealed when it reaches the count or byte threshold, or when its delay timer
    /// fires, and sent at once if one of the MaxConcurrentBatches send slots is free, else queued for the next free
    /// slot. A lane idle for <see cref="IdleTimeout"/> retires.
    /// </summary>
    private sealed class KeyLane
    {
        private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);
        private readonly PublishBatcher _owner;
        private readonly PubSubTransportOptions _options;
        private readonly object _lock = new();
        private readonly Queue<List<Pending>> _sealed = new();
        private readonly int _maxInFlight;
        private readonly Timer _timer;
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private List<Pending>? _open;
        private long _openBytes;
        private long _openedAt;
        private long _lastActivity = Environment.TickCount64;
        private int _inFlight;
        private bool _retired;
        private bool _completing;

        public KeyLane(PublishBatcher owner, string key)
        {
            _owner = owner;
            _options = owner.Options;
            Key = key;
            _maxInFlight = _options.MaxConcurrentBatches;
            _timer = new Timer(static state => ((KeyLane)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
            ArmIdle();
        }

        public string Key { get; }

        /// <summary>Done once <see cref="Complete"/> was called and everything added before it is sent.</summary>
        public Task Completion => _completion.Task;

        /// <summary>Adds the message to the open batch; false when the lane retired (the caller takes a new lane).</summary>
        public bool TryAdd(Pending item)
        {
            List<Pending>? send = null;
            lock (_lock)
            {
                if (_retired)
                    return false;
                if (_open is not null && _openBytes + item.Size > _options.BatchMaxBytes)
                    Seal();
                if (_open is null)
                {
                    _open = new List<Pending>(Math.Min(_options.BatchMaxMessages, 128));
                    _openBytes = 0;
                    _openedAt = Environment.TickCount64;
                    _timer.Change(_options.BatchDelay, Timeout.InfiniteTimeSpan);
                }

                _open.Add(item);
                _openBytes += item.Size;
                _lastActivity = Environment.TickCount64;
                if (_open.Count >= _options.BatchMaxMessages || _openBytes >= _options.BatchMaxBytes)
                    Seal();
                send = TakeSendable();
            }

            if (send is not null)
                _ = SendLoopAsync(send);
            return true;
        }

        /// <summary>Sends what is open and retires the lane (the batcher is being disposed).</summary>
        public void Complete()
        {
            List<Pending>? send;
            lock (_lock)
            {
                _retired = true;
                _completing = true;
                if (_open is not null)
                    Seal();
                send = TakeSendable();
                CompleteIfDrained();
            }

            if (send is not null)
                _ = SendLoopAsync(send);
        }

        private void OnTimer()
        {
            List<Pending>? send = null;
            var retire = false;
            lock (_lock)
            {
                if (_open is not null)
                {
                    var remaining = _options.BatchDelay.TotalMilliseconds - (Environment.TickCount64 - _openedAt);
                    if (remaining > 1)
                    {
                        // The timer was armed for an earlier batch that filled up: this one waits its own delay.
                        _timer.Change(TimeSpan.FromMilliseconds(remaining), Timeout.InfiniteTimeSpan);
                        return;
                    }

                    Seal();
                    send = TakeSendable();
                }
                else if (_inFlight == 0 && _sealed.Count == 0 && !_retired)
                {
                    var idle = Environment.TickCount64 - _lastActivity;
                    if (idle < IdleTimeout.TotalMilliseconds)
                        _timer.Change(TimeSpan.FromMilliseconds(IdleTimeout.TotalMilliseconds - idle), Timeout.InfiniteTimeSpan);
                    else
                        retire = true;
                }
            }

            if (send is not null)
                _ = SendLoopAsync(send);
            if (retire)
                _owner.Retire(this);
        }

        /// <summary>Retires only when nothing is open, queued or in flight; called under the owner's lock.</summary>
        public bool TryRetire()
        {
            lock (_lock)
            {
                if (_retired || _open is not null || _sealed.Count > 0 || _inFlight > 0)
                    return false;
                _retired = true;
                _completing = true;
                CompleteIfDrained();
                return true;
            }
        }

        private void Seal()
        {
            _sealed.Enqueue(_open!);
            _open = null;
        }

        /// <summary>The next batch to send when a send slot is free; the caller sends it outside the lock.</summary>
        private List<Pending>? TakeSendable()
        {
            if (_inFlight >= _maxInFlight || _sealed.Count == 0)
                return null;
            _inFlight++;
            return _sealed.Dequeue();
        }

        private void ArmIdle() => _timer.Change(IdleTimeout, Timeout.InfiniteTimeSpan);

        private void CompleteIfDrained()
        {
            if (_completing && _open is null && _sealed.Count == 0 && _inFlight == 0)
            {
                _timer.Dispose();
                _completion.TrySetResult();
            }
        }

        /// <summary>Sends the batch, then whatever sealed batch waits for this slot, until none does.</summary>
        private async Task SendLoopAsync(List<Pending> batch)
        {
            // Off the publisher's thread: the publisher that filled the batch does not pay for the call.
            await Task.Yield();
            while (true)
            {
                await _owner.SendAsync(batch).ConfigureAwait(false);
                lock (_lock)
                {
                    _inFlight--;
                    _lastActivity = Environment.TickCount64;
                    var next = TakeSendable();
                    if (next is null)
                    {
                        if (_inFlight == 0 && _open is null && _sealed.Count == 0)
                        {
                            if (_completing)
                                CompleteIfDrained();
                            else
                                ArmIdle();
                        }

                        return;
                    }

                    batch = next;
                }
            }
        }
    }
}
