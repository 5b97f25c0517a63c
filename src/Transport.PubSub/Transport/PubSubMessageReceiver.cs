using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Receives for one endpoint from all its subscriptions: leases each message at receipt, settles a message delivered
/// again while held together with the first delivery, waits for a flow-control slot, runs messages of one ordering key
/// in order on ordered subscriptions, holds back messages whose not-before time is ahead (by resetting their ack
/// deadline to the remaining delay), and dispatches to MassTransit. On stop it closes its streams, nacks what has not
/// started, lets consumers in flight finish until StopTimeout, and then nacks whatever it still holds.
/// </summary>
internal sealed class PubSubMessageReceiver : ConsumerAgent<string>
{
    private readonly PubSubReceiveEndpointContext _context;
    private readonly PubSubClient _client;
    private readonly IReadOnlyList<EndpointSubscription> _subscriptions;
    private readonly LeaseKeeper _leases;
    private readonly FlowGate _flow;
    private readonly KeyedSequencer _sequencer = new();
    private readonly int _maxOutstanding;
    private readonly PendingWork _handlers = new();
    // Keyed by (subscription, Pub/Sub message id): a value pair, so no key string is built per message.
    private readonly ConcurrentDictionary<(string Subscription, string MessageId), HeldMessage> _held = new();
    private readonly Action<HeldMessage> _release;

    public PubSubMessageReceiver(PubSubReceiveEndpointContext context, PubSubClient client, IReadOnlyList<EndpointSubscription> subscriptions)
        : base(context, StringComparer.Ordinal)
    {
        _context = context;
        _client = client;
        _subscriptions = subscriptions;
        _leases = new LeaseKeeper(client);
        _maxOutstanding = context.Settings.MaxOutstandingMessages ?? client.Options.MaxOutstandingMessages;
        _flow = new FlowGate(_maxOutstanding, client.Options.MaxOutstandingBytes);
        _release = settled => _held.TryRemove(new KeyValuePair<(string, string), HeldMessage>(settled.Key, settled));
        TrySetConsumeTask(Task.Run(ConsumeAsync));
    }

    /// <summary>Why receiving ended, when a non-transient error ended it (the filter rethrows it so the transport restarts).</summary>
    public Exception? Fault { get; private set; }

    private async Task ConsumeAsync()
    {
        try
        {
            await PullAllAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !IsStopping)
        {
            Fault = e;
            throw;
        }
    }

    private async Task PullAllAsync()
    {
        foreach (var s in _subscriptions)
            await _client.EnsureSubscriptionAsync(s.SubscriptionId, s.TopicId, s.Settings, Stopping).ConfigureAwait(false);
        SetReady();

        var pullers = _subscriptions.SelectMany(s => Enumerable.Repeat((Subscription: s, Path: _client.SubscriptionPath(s.SubscriptionId)), _client.Options.StreamsPerSubscription)).Select(s =>
        {
            var puller = new SubscriptionPuller(_client, s.Subscription, _maxOutstanding, _client.Options.MaxOutstandingBytes,
                (message, ordered) => OnMessage(message, ordered, s.Subscription, s.Path));
            return puller.RunAsync(Stopping);
        });
        await Task.WhenAll(pullers).ConfigureAwait(false);
    }

    private void OnMessage(ReceivedPubSubMessage received, bool ordered, EndpointSubscription subscription, string subscriptionPath)
    {
        var lease = _leases.Track(subscriptionPath, received.AckId);
        if (NotBefore(received) is { } due && due > DateTimeOffset.UtcNow)
        {
            // Not yet: Pub/Sub redelivers it when this deadline passes (at most 600 s a time, then again).
            _ = _leases.NackAsync(lease, due - DateTimeOffset.UtcNow);
            return;
        }

        var key = (subscription.SubscriptionId, received.MessageId);
        HeldMessage held;
        while (true)
        {
            held = _held.GetOrAdd(key, static (k, self) => self.NewHeldMessage(k), this);
            if (held.Lost)
            {
                // Held past MaxTotalAckExtension and given up: this delivery is a new attempt (its consumer may be hung).
                var attempt = NewHeldMessage(key);
                if (!_held.TryUpdate(key, attempt, held))
                    continue;
                held = attempt;
            }

            if (held.TryAdd(lease, out var first))
            {
                if (first)
                    break;
                LogContext.Debug?.Log("Message {MessageId} on {Subscription} delivered again while held; it is settled with the first delivery",
                    received.MessageId, subscription.SubscriptionId);
                return;
            }

            // Settled just now: this delivery starts afresh.
            _held.TryRemove(new KeyValuePair<(string, string), HeldMessage>(key, held));
        }

        _handlers.Enter();
        if (IsStopping)
        {
            _ = NackAsync(held);
            return;
        }

        var orderingKey = received.OrderingKey;
        if (ordered && orderingKey.Length > 0)
            _ = _sequencer.Run(orderingKey, () => HandleAsync(received, held, subscription));
        else
            ThreadPool.UnsafeQueueUserWorkItem(new Delivery(this, received, held, subscription), preferLocal: false);
    }

    private HeldMessage NewHeldMessage((string, string) key) => new(_leases, key, _release, _context.InputAddress);

    private async Task NackAsync(HeldMessage held)
    {
        try
        {
            await held.NackAsync().ConfigureAwait(false);
        }
        finally
        {
            _handlers.Leave();
        }
    }

    /// <summary>Consumes the message; every path settles it and leaves <see cref="_handlers"/> (entered in <see cref="OnMessage"/>).</summary>
    private async Task HandleAsync(ReceivedPubSubMessage received, HeldMessage held, EndpointSubscription subscription)
    {
        long size = received.Data.Length;
        try
        {
            try
            {
                // Stopping: messages that have not started go back at once (after the earlier ones of their key, in order).
                await _flow.EnterAsync(size, Stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await held.NackAsync().ConfigureAwait(false);
                return;
            }

            try
            {
                // The held message is the receive lock: acked on success, nacked on a fault MassTransit could not move.
                using var context = new PubSubReceiveContext(received, subscription.MessageType, _context, held);
                try
                {
                    // Keyed by delivery: deliveries of one message were merged above, and a new attempt must not be taken for a dupe.
                    await Dispatch(received.AckId, context, held).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // Not dispatched (stopping) or MassTransit could not settle it: hand it back (a no-op if already settled).
                    context.LogTransportFaulted(e);
                    await held.NackAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                _flow.Leave(size);
            }
        }
        finally
        {
            _handlers.Leave();
        }
    }

    protected override async Task ActiveAndActualAgentsCompleted(StopContext context)
    {
        // Stopping has closed the streams (politely: see SubscriptionPuller) and nacks what has not started. Consumers
        // in flight may finish until StopTimeout (or until the host gives up on the stop, if sooner); then every message
        // still held goes back to Pub/Sub for another consumer, even if its consumer is still running here.
        using var handBack = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        handBack.CancelAfter(_client.Options.StopTimeout);
        try
        {
            await FinishAsync(context).WaitAsync(handBack.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogContext.Warning?.Log("Consumers on {InputAddress} still running when the stop ran out of time (StopTimeout {StopTimeout}); their {Count} message(s) go back to Pub/Sub",
                _context.InputAddress, _client.Options.StopTimeout, _leases.Count);
        }
        finally
        {
            // Hand back what is still leased and flush the acks and nacks.
            await _leases.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task FinishAsync(StopContext context)
    {
        await base.ActiveAndActualAgentsCompleted(context).ConfigureAwait(false);
        // The pullers have ended (base awaited the consume task); wait for the handlers they started.
        await _handlers.WhenAll().ConfigureAwait(false);
    }

    /// <summary>An unordered message's consume, queued as one work item (no task, closure or captured context a message).</summary>
    private sealed class Delivery(PubSubMessageReceiver receiver, ReceivedPubSubMessage received, HeldMessage held, EndpointSubscription subscription) : IThreadPoolWorkItem
    {
        public void Execute() => _ = receiver.HandleAsync(received, held, subscription);
    }

    private static DateTimeOffset? NotBefore(ReceivedPubSubMessage received) =>
        received.TryGetAttribute(PubSubAttributes.NotBefore, out var value) && long.TryParse(value, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
