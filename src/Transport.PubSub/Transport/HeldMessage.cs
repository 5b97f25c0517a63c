using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// A message the receiver holds, with every lease it has on it: Pub/Sub may deliver a message again while it is held
/// (at-least-once, a reconnect, a lease that ran out). The later delivery is not consumed a second time and its lease is
/// not left to run on: it is kept here and settled with the first (acked or nacked together), so neither this receiver's
/// flow control nor the server's count of outstanding messages keeps a message nobody is working on.
/// </summary>
internal sealed class HeldMessage(LeaseKeeper leases, (string Subscription, string MessageId) key, Action<HeldMessage> onSettled)
{
    private readonly List<Lease> _leases = [];
    private bool _settled;

    /// <summary>The subscription and Pub/Sub message id it is held under.</summary>
    public (string Subscription, string MessageId) Key { get; } = key;

    /// <summary>Adds a delivery's lease; false once the message was settled (the caller then treats the delivery as new).</summary>
    public bool TryAdd(Lease lease, out bool first)
    {
        lock (_leases)
        {
            first = _leases.Count == 0;
            if (_settled)
                return false;
            _leases.Add(lease);
            return true;
        }
    }

    /// <summary>True when every lease ran past its maximum extension: Pub/Sub will deliver the message again.</summary>
    public bool Lost
    {
        get
        {
            lock (_leases)
                return _leases.Count > 0 && _leases.TrueForAll(l => l.Lost);
        }
    }

    public string AckIds
    {
        get
        {
            lock (_leases)
                return string.Join(", ", _leases.Select(l => l.AckId));
        }
    }

    public Task AckAsync() => SettleAsync(ack: true);

    /// <summary>Hands the message back: redelivered at once.</summary>
    public Task NackAsync() => SettleAsync(ack: false);

    private Task SettleAsync(bool ack)
    {
        Lease[] settled;
        lock (_leases)
        {
            if (_settled)
                return Task.CompletedTask;
            _settled = true;
            settled = [.. _leases];
        }

        onSettled(this);
        // Nearly always one delivery: its settlement is the task, with nothing gathered around it.
        if (settled.Length == 1)
            return ack ? leases.AckAsync(settled[0]) : leases.NackAsync(settled[0]);
        return Task.WhenAll(settled.Select(l => ack ? leases.AckAsync(l) : leases.NackAsync(l)));
    }
}

/// <summary>Ack on success, nack on a fault MassTransit could not move to _error (e.g. during shutdown).</summary>
internal sealed class PubSubReceiveLockContext(Uri inputAddress, HeldMessage message) : ReceiveLockContext
{
    public Task Complete() => message.AckAsync();

    public Task Faulted(Exception exception) => message.NackAsync();

    public Task ValidateLockStatus() =>
        message.Lost ? throw new TransportException(inputAddress, $"The lease of message {message.AckIds} was lost: it will be redelivered.") : Task.CompletedTask;
}
