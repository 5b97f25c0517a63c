using System.Collections.Concurrent;
using AiProd.Transport.PubSub.V1;
using Grpc.Core;
using MassTransit;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Keeps the leases of one receiver's messages from receipt until they are acked or nacked: every
/// (ack deadline − extension window) it extends all of them in batched ModifyAckDeadline calls, up to
/// MaxTotalAckExtension. Acks and nacks are batched per subscription into unary calls (not the stream, so they survive a
/// stream reconnect) and retried briefly on transient errors; an ack that still fails means a redelivery, which
/// at-least-once consumers tolerate.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private const int MaxIdsPerCall = 1000;
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);
    private readonly PubSubClient _client;
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    // Acks and nacks wait here for the settle loop; every settlement queued together shares one completion.
    private readonly object _queueGate = new();
    private List<Settlement> _queued = [];
    private TaskCompletionSource _queuedDone = new();
    private TaskCompletionSource? _wake;
    private bool _closed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _extending;
    private readonly Task _settling;
    private readonly int _deadlineSeconds;
    private readonly TimeSpan _extendEvery;

    public LeaseKeeper(PubSubClient client)
    {
        _client = client;
        _deadlineSeconds = (int)client.Options.AckDeadline.TotalSeconds;
        // The official client's window: renew when 15 s remain, never later than half the deadline.
        var window = TimeSpan.FromSeconds(Math.Min(15, _deadlineSeconds / 2.0));
        _extendEvery = client.Options.AckDeadline - window;
        _extending = Task.Run(ExtendLoopAsync);
        _settling = Task.Run(SettleLoopAsync);
    }

    public Lease Track(string subscriptionPath, string ackId)
    {
        var lease = new Lease(subscriptionPath, ackId, DateTime.UtcNow);
        _leases[ackId] = lease;
        return lease;
    }

    public Task AckAsync(Lease lease) => Settle(lease, ack: true, 0);

    /// <summary>Hands the message back: redelivered at once, or after <paramref name="delay"/> (at most 600 s, Pub/Sub's limit).</summary>
    public Task NackAsync(Lease lease, TimeSpan delay = default) =>
        Settle(lease, ack: false, (int)Math.Clamp(Math.Ceiling(delay.TotalSeconds), 0, 600));

    private Task Settle(Lease lease, bool ack, int deadlineSeconds)
    {
        if (!_leases.TryRemove(new KeyValuePair<string, Lease>(lease.AckId, lease)))
            return Task.CompletedTask;
        TaskCompletionSource? wake;
        Task done;
        lock (_queueGate)
        {
            if (_closed)
                return Task.CompletedTask;
            _queued.Add(new Settlement(lease, ack, deadlineSeconds));
            done = _queuedDone.Task;
            wake = _wake;
            _wake = null;
        }

        wake?.TrySetResult();
        return done;
    }

    /// <summary>Messages leased and not yet settled.</summary>
    public int Count => _leases.Count;

    /// <summary>Nacks everything still leased (on stop), then sends what is queued (for at most 5 s) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var lease in _leases.Values)
            _ = NackAsync(lease);
        TaskCompletionSource? wake;
        lock (_queueGate)
        {
            _closed = true;
            wake = _wake;
            _wake = null;
        }

        wake?.TrySetResult();
        try
        {
            await _settling.WaitAsync(FlushTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Pub/Sub is out of reach: the unsettled messages come back when their deadlines pass.
            LogContext.Warning?.Log("Acks and nacks were still unsent {Timeout} into the stop; those messages will be redelivered", FlushTimeout);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _extending.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ExtendLoopAsync()
    {
        using var timer = new PeriodicTimer(_extendEvery);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            var now = DateTime.UtcNow;
            foreach (var expired in _leases.Values.Where(l => now - l.ReceivedAt > _client.Options.MaxTotalAckExtension))
            {
                // Past the cap: stop extending and let Pub/Sub redeliver it; the consumer's ack will then be refused.
                if (_leases.TryRemove(new KeyValuePair<string, Lease>(expired.AckId, expired)))
                {
                    expired.Lost = true;
                    LogContext.Warning?.Log("Lease of message {AckId} passed the maximum extension {Max}; it will be redelivered", expired.AckId, _client.Options.MaxTotalAckExtension);
                }
            }

            foreach (var group in _leases.Values.GroupBy(l => l.Subscription))
                await ModifyAsync(group.Key, group.Select(l => l.AckId), _deadlineSeconds, _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes everything queued at once, sends it in as few calls as the limits allow, then completes the whole batch's
    /// settlements on one thread-pool work item (their continuations run there, inline, rather than one hop each).
    /// </summary>
    private async Task SettleLoopAsync()
    {
        while (true)
        {
            List<Settlement> batch;
            TaskCompletionSource done;
            Task? idle = null;
            lock (_queueGate)
            {
                if (_queued.Count == 0)
                {
                    if (_closed)
                        return;
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    idle = _wake.Task;
                }

                batch = _queued;
                done = _queuedDone;
                if (idle is null)
                {
                    _queued = [];
                    _queuedDone = new TaskCompletionSource();
                }
            }

            if (idle is not null)
            {
                await idle.ConfigureAwait(false);
                continue;
            }

            foreach (var group in batch.GroupBy(s => (s.Lease.Subscription, s.Ack, s.DeadlineSeconds)))
            {
                var ids = group.Select(s => s.Lease.AckId).ToList();
                if (group.Key.Ack)
                    await AckAsync(group.Key.Subscription, ids).ConfigureAwait(false);
                else
                    await ModifyAsync(group.Key.Subscription, ids, group.Key.DeadlineSeconds, CancellationToken.None).ConfigureAwait(false);
            }

            ThreadPool.UnsafeQueueUserWorkItem(static d => d.TrySetResult(), done, preferLocal: false);
        }
    }

    private async Task AckAsync(string subscription, List<string> ackIds)
    {
        foreach (var chunk in ackIds.Chunk(MaxIdsPerCall))
        {
            var request = new AcknowledgeRequest { Subscription = subscription };
            request.AckIds.AddRange(chunk);
            await CallAsync(ct => _client.Subscriber.AcknowledgeAsync(request, cancellationToken: ct).ResponseAsync, "acknowledge", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task ModifyAsync(string subscription, IEnumerable<string> ackIds, int deadlineSeconds, CancellationToken cancellationToken)
    {
        foreach (var chunk in ackIds.Chunk(MaxIdsPerCall))
        {
            var request = new ModifyAckDeadlineRequest { Subscription = subscription, AckDeadlineSeconds = deadlineSeconds };
            request.AckIds.AddRange(chunk);
            await CallAsync(ct => _client.Subscriber.ModifyAckDeadlineAsync(request, cancellationToken: ct).ResponseAsync, "modify ack deadline", cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task CallAsync(Func<CancellationToken, Task> call, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RpcException e) when (GrpcErrors.IsTransient(e) && attempt < 4)
            {
                await Task.Delay(GrpcErrors.Backoff(attempt, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2)), cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                // Not fatal: an unacked message comes back, an unextended one may too; consumers are idempotent.
                LogContext.Warning?.Log(e, "Pub/Sub {Call} failed ({Status}); affected messages may be redelivered", what, e.StatusCode);
                return;
            }
        }
    }

    private readonly record struct Settlement(Lease Lease, bool Ack, int DeadlineSeconds);
}

/// <summary>One received message's lease.</summary>
internal sealed class Lease(string subscription, string ackId, DateTime receivedAt)
{
    public string Subscription { get; } = subscription;

    public string AckId { get; } = ackId;

    public DateTime ReceivedAt { get; } = receivedAt;

    /// <summary>Set when the lease ran past its maximum extension: the message will be redelivered elsewhere.</summary>
    public bool Lost { get; set; }
}
