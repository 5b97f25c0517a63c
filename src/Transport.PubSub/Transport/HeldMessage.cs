using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// A message the receiver holds, with every lease it has on it: Pub/Sub may deliver a message again while it is held
/// (at-least-once, a reconnect, a lease that ran out). The later delivery is not consumed a second time and its lease is
/// not left to run on: it is kept here and settled with the first (acked or nacked together), so neither this receiver's
/// flow control nor the server's count of outstanding messages keeps a message nobody is working on. It is also the
/// message's receive lock for MassTransit: ack on success, nack on a fault MassTransit could not move to _error (e.g.
/// during shutdown).
/// </summary>
internal sealed class HeldMessage(LeaseKeeper leases, (string Subscription, string MessageId) key, Action<HeldMessage> onSettled, Uri inputAddress)
    : ReceiveLockContext
{
    // Nearly always one delivery: room for one.
    private readonly List<Lease> _leases = new(1);
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

    Task ReceiveLockContext.Complete() => AckAsync();

    Task ReceiveLockContext.Faulted(Exception exception) => NackAsync();

    Task ReceiveLockContext.ValidateLockStatus() =>
        Lost ? throw new TransportException(inputAddress, $"The lease of message {AckIds} was lost: it will be redelivered.") : Task.CompletedTask;

    private Task SettleAsync(bool ack)
    {
        Lease? single = null;
        Lease[]? several = null;
        lock (_leases)
        {
            if (_settled)
                return Task.CompletedTask;
            _settled = true;
            if (_leases.Count == 1)
                single = _leases[0];
            else
                several = [.. _leases];
        }

        onSettled(this);
        // Nearly always one delivery: its settlement is the task, with nothing gathered around it.
        if (single is not null)
            return ack ? leases.AckAsync(single) : leases.NackAsync(single);
        return Task.WhenAll(several!.Select(l => ack ? leases.AckAsync(l) : leases.NackAsync(l)));
    }
}
