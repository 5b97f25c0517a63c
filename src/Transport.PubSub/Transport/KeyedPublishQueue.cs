namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// A topic's messages that carry an ordering key, with no lane and no timer per key (a key per video is one message a
/// key): every key with messages to send waits in one ready queue; a publish request takes the ready keys' messages in
/// turn, up to the count and byte thresholds, and goes out when those are reached or when the oldest ready message has
/// waited the batch delay (one timer for the topic). A key is in at most one request at a time: messages that arrive
/// while its request is out wait for it, then queue again, so the key's order holds. Up to MaxConcurrentBatches
/// requests are in flight. <c>send</c> completes the messages and returns once the request is done.
/// </summary>
internal sealed class KeyedPublishQueue : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Key> _keys = new(StringComparer.Ordinal);
    private readonly Queue<Key> _ready = new();
    private readonly PubSubTransportOptions _options;
    private readonly Func<List<PublishBatcher.Pending>, Task> _send;
    private readonly Timer _timer;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _delayMs;
    private int _readyMessages;
    private long _readyBytes;
    private long _readySince;
    private int _inFlight;
    private bool _timerArmed;
    private bool _draining;

    public KeyedPublishQueue(PubSubTransportOptions options, Func<List<PublishBatcher.Pending>, Task> send)
    {
        _options = options;
        _send = send;
        _delayMs = (long)Math.Ceiling(options.BatchDelay.TotalMilliseconds);
        _timer = new Timer(static state => ((KeyedPublishQueue)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Keys with a message queued or in a request (for tests).</summary>
    internal int KeysHeld
    {
        get
        {
            lock (_gate)
                return _keys.Count;
        }
    }

    public void Add(string key, PublishBatcher.Pending item)
    {
        bool start;
        lock (_gate)
        {
            var now = Environment.TickCount64;
            if (!_keys.TryGetValue(key, out var k))
            {
                k = new Key(key);
                _keys.Add(key, k);
            }

            if (k.Messages.Count == 0)
                k.Since = now;
            k.Messages.Enqueue(item);
            k.Bytes += item.Size;
            if (k.Queued)
            {
                _readyMessages++;
                _readyBytes += item.Size;
            }
            else if (!k.InFlight)
            {
                MakeReady(k);
            }

            start = TryStartSlot(now);
        }

        // Off the publisher's thread: the publisher that filled the request does not pay for the call.
        if (start)
            ThreadPool.UnsafeQueueUserWorkItem(static q => _ = q.RunSlotAsync(), this, preferLocal: false);
    }

    /// <summary>Sends everything queued now, without waiting the delay; done when no key holds a message.</summary>
    public Task DrainAsync()
    {
        var starts = 0;
        lock (_gate)
        {
            _draining = true;
            while (TryStartSlot(Environment.TickCount64))
                starts++;
            if (_keys.Count == 0)
                _drained.TrySetResult();
        }

        for (var i = 0; i < starts; i++)
            _ = RunSlotAsync();
        return _drained.Task;
    }

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        bool start;
        lock (_gate)
        {
            _timerArmed = false;
            start = TryStartSlot(Environment.TickCount64);
        }

        if (start)
            _ = RunSlotAsync();
    }

    /// <summary>Puts a key with messages and no request out into the ready queue; under the lock.</summary>
    private void MakeReady(Key k)
    {
        _readySince = _ready.Count == 0 ? k.Since : Math.Min(_readySince, k.Since);
        _ready.Enqueue(k);
        k.Queued = true;
        _readyMessages += k.Messages.Count;
        _readyBytes += k.Bytes;
    }

    private bool Due(long now) =>
        _readyMessages >= _options.BatchMaxMessages || _readyBytes >= _options.BatchMaxBytes || _draining || now - _readySince >= _delayMs;

    /// <summary>Takes a request slot when something ready is due and a slot is free, else arms the timer; under the lock.</summary>
    private bool TryStartSlot(long now)
    {
        if (_ready.Count == 0 || _inFlight >= _options.MaxConcurrentBatches)
            return false;
        if (Due(now))
        {
            _inFlight++;
            return true;
        }

        ArmTimer(now);
        return false;
    }

    /// <summary>Wakes a slot when the oldest ready message is due (a slot busy then finds it due on its own); under the lock.</summary>
    private void ArmTimer(long now)
    {
        if (_timerArmed)
            return;
        _timerArmed = true;
        _timer.Change(Math.Max(1, _readySince + _delayMs - now), Timeout.Infinite);
    }

    /// <summary>One request slot: sends what is ready and due, request after request, then gives the slot back.</summary>
    private async Task RunSlotAsync()
    {
        var first = true;
        while (true)
        {
            var messages = new List<PublishBatcher.Pending>();
            var taken = new List<Key>();
            lock (_gate)
            {
                var now = Environment.TickCount64;
                if (_ready.Count == 0 || (!first && !Due(now)))
                {
                    _inFlight--;
                    if (_ready.Count > 0)
                        ArmTimer(now);
                    return;
                }

                first = false;
                Take(messages, taken);
            }

            try
            {
                await _send(messages).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // send completes its messages itself; this is only for a failure before it could.
                foreach (var p in messages)
                    p.TrySetException(e);
            }
            finally
            {
                lock (_gate)
                {
                    foreach (var k in taken)
                    {
                        k.InFlight = false;
                        if (k.Messages.Count > 0)
                            MakeReady(k);
                        else
                            _keys.Remove(k.Name);
                    }

                    if (_draining && _keys.Count == 0)
                        _drained.TrySetResult();
                }
            }
        }
    }

    /// <summary>Fills one request from the ready keys in turn (its first message always goes); under the lock.</summary>
    private void Take(List<PublishBatcher.Pending> messages, List<Key> taken)
    {
        long bytes = 0;
        while (_ready.TryPeek(out var k))
        {
            var tookAll = true;
            var took = false;
            while (k.Messages.TryPeek(out var p))
            {
                if (messages.Count > 0 && (messages.Count >= _options.BatchMaxMessages || bytes + p.Size > _options.BatchMaxBytes))
                {
                    tookAll = false;
                    break;
                }

                k.Messages.Dequeue();
                messages.Add(p);
                bytes += p.Size;
                k.Bytes -= p.Size;
                _readyMessages--;
                _readyBytes -= p.Size;
                took = true;
            }

            if (!took)
                break;

            // The key is out now: what is left of it (and what comes meanwhile) waits for this request.
            _ready.Dequeue();
            k.Queued = false;
            k.InFlight = true;
            _readyMessages -= k.Messages.Count;
            _readyBytes -= k.Bytes;
            taken.Add(k);
            if (!tookAll)
                break;
        }

        // Keys left behind keep the ready time of the oldest: they were due with it (the request filled up).
    }

    private sealed class Key(string name)
    {
        public string Name { get; } = name;

        public Queue<PublishBatcher.Pending> Messages { get; } = new();

        public long Bytes { get; set; }

        /// <summary>When the oldest of <see cref="Messages"/> arrived.</summary>
        public long Since { get; set; }

        public bool Queued { get; set; }

        public bool InFlight { get; set; }
    }
}
