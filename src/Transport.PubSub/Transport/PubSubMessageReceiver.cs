using AiProd.Transport.PubSub.V1;
using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Receives for one endpoint from all its subscriptions: leases each message at receipt, waits for a flow-control slot,
/// runs messages of one ordering key in order on ordered subscriptions, holds back messages whose not-before time is
/// ahead (by resetting their ack deadline to the remaining delay), and dispatches to MassTransit. On stop it stops
/// pulling, lets consumers in flight finish (MassTransit's ConsumerStopTimeout), and nacks whatever is left.
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

    public PubSubMessageReceiver(PubSubReceiveEndpointContext context, PubSubClient client, IReadOnlyList<EndpointSubscription> subscriptions)
        : base(context, StringComparer.Ordinal)
    {
        _context = context;
        _client = client;
        _subscriptions = subscriptions;
        _leases = new LeaseKeeper(client);
        _maxOutstanding = context.Settings.MaxOutstandingMessages ?? client.Options.MaxOutstandingMessages;
        _flow = new FlowGate(_maxOutstanding, client.Options.MaxOutstandingBytes);
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

        var pullers = _subscriptions.SelectMany(s => Enumerable.Repeat(s, _client.Options.StreamsPerSubscription)).Select(s =>
        {
            var puller = new SubscriptionPuller(_client, s, _maxOutstanding, _client.Options.MaxOutstandingBytes,
                (message, ordered) => OnMessage(message, ordered, s));
            return puller.RunAsync(Stopping);
        });
        await Task.WhenAll(pullers).ConfigureAwait(false);
    }

    private void OnMessage(ReceivedMessage received, bool ordered, EndpointSubscription subscription)
    {
        var lease = _leases.Track(_client.SubscriptionPath(subscription.SubscriptionId), received.AckId);
        if (NotBefore(received) is { } due && due > DateTimeOffset.UtcNow)
        {
            // Not yet: Pub/Sub redelivers it when this deadline passes (at most 600 s a time, then again).
            _ = _leases.NackAsync(lease, due - DateTimeOffset.UtcNow);
            return;
        }

        if (IsStopping)
        {
            _handlers.Track(_leases.NackAsync(lease));
            return;
        }

        var key = received.Message.OrderingKey;
        _handlers.Track(ordered && key.Length > 0
            ? _sequencer.Run(key, () => HandleAsync(received, lease, subscription))
            : Task.Run(() => HandleAsync(received, lease, subscription)));
    }

    private async Task HandleAsync(ReceivedMessage received, Lease lease, EndpointSubscription subscription)
    {
        long size = received.Message.Data.Length;
        try
        {
            await _flow.EnterAsync(size, Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _leases.NackAsync(lease).ConfigureAwait(false);
            return;
        }

        try
        {
            var lockContext = new PubSubReceiveLockContext(_context.InputAddress, lease, _leases);
            using var context = new PubSubReceiveContext(received, subscription.MessageType, _context, lockContext);
            try
            {
                await Dispatch(received.Message.MessageId, context, lockContext).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Not dispatched (stopping) or MassTransit could not settle it: hand it back (a no-op if already settled).
                context.LogTransportFaulted(e);
                await _leases.NackAsync(lease).ConfigureAwait(false);
            }
        }
        finally
        {
            _flow.Leave(size);
        }
    }

    protected override async Task ActiveAndActualAgentsCompleted(StopContext context)
    {
        // Bounded hand-back: consumers still running after StopTimeout keep running, but their messages go back to
        // Pub/Sub for another consumer instead of waiting for this process.
        using var handBack = new CancellationTokenSource(_client.Options.StopTimeout);
        await using var registration = handBack.Token.Register(() => _leases.NackAll()).ConfigureAwait(false);
        await base.ActiveAndActualAgentsCompleted(context).ConfigureAwait(false);
        // The pullers have ended (base awaited the consume task, and Stopping closed the streams, as the official
        // client does); wait for the handlers they started, hand back what is still leased, and flush the acks.
        await _handlers.WhenAll().ConfigureAwait(false);
        await _leases.DisposeAsync().ConfigureAwait(false);
    }

    private static DateTimeOffset? NotBefore(ReceivedMessage received) =>
        received.Message.Attributes.TryGetValue(PubSubAttributes.NotBefore, out var value) && long.TryParse(value, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
