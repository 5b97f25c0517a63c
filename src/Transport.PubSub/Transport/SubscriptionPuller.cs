using AiProd.Transport.PubSub.V1;
using Grpc.Core;
using MassTransit;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>One subscription of a receive endpoint, and the message type its topic carries (null for the endpoint's own topic).</summary>
internal sealed record EndpointSubscription(string SubscriptionId, string TopicId, string? MessageType, SubscriptionSettings Settings);

/// <summary>
/// Keeps one StreamingPull open on a subscription and hands every message to <c>onMessage</c>.
/// <list type="bullet">
/// <item>A stream is ended the polite way: the request side is half-closed and the rest of what the server sends is read
/// until it ends the stream; only if it has not after <see cref="CloseTimeout"/> is the call cancelled. The emulator
/// does not notice a cancelled stream (or one whose connection died) and keeps it registered: on an ordered
/// subscription it goes on assigning that stream its share of the ordering keys, which nobody then receives.</item>
/// <item>Every stream carries a deadline, and is closed politely and reopened after its lifetime (5 minutes):
/// a stream left behind by a process that died is dropped by the server at its deadline.</item>
/// <item>The server closes streams routinely and the emulator or network may vanish: it reconnects with backoff (0.5 s
/// doubling to 10 s; back to the start once a stream delivered or stayed open a while), re-creates the subscription
/// after NOT_FOUND, writes a keep-alive on idle streams, and reuses its client id so the server carries state over.
/// PERMISSION_DENIED, INVALID_ARGUMENT and the like end it with the error.</item>
/// </list>
/// </summary>
internal sealed class SubscriptionPuller(
    PubSubClient client,
    EndpointSubscription subscription,
    int maxOutstandingMessages,
    long maxOutstandingBytes,
    Action<ReceivedPubSubMessage, bool> onMessage)
{
    /// <summary>How long the server gets to end a half-closed stream before the call is cancelled.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A stream open this long was healthy, even if it delivered nothing: the next reconnect needs no backoff.</summary>
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromSeconds(10);

    private readonly string _clientId = Guid.NewGuid().ToString("N");

    public string Path { get; } = client.SubscriptionPath(subscription.SubscriptionId);

    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            var stream = new StreamState();
            try
            {
                await client.EnsureSubscriptionAsync(subscription.SubscriptionId, subscription.TopicId, subscription.Settings, stopping).ConfigureAwait(false);
                if (await PullAsync(stream, stopping).ConfigureAwait(false))
                {
                    LogContext.Debug?.Log("Stream on {Subscription} replaced after its lifetime", subscription.SubscriptionId);
                    failures = 0;
                    continue;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                LogContext.Warning?.Log("Subscription {Subscription} is gone ({Detail}); creating it again", subscription.SubscriptionId, e.Status.Detail);
                client.Forget(subscription.TopicId, subscription.SubscriptionId);
            }
            catch (RpcException e) when (GrpcErrors.IsTransient(e) || e.StatusCode == StatusCode.Cancelled)
            {
                LogContext.Debug?.Log("Stream on {Subscription} closed ({Status}: {Detail}); reconnecting", subscription.SubscriptionId, e.StatusCode, e.Status.Detail);
            }
            catch (HttpRequestException e)
            {
                LogContext.Debug?.Log(e, "Stream on {Subscription} could not connect; reconnecting", subscription.SubscriptionId);
            }

            // A stream that worked for a while is replaced at once; one that failed straight away waits, longer each time.
            if (stream.WasHealthy)
            {
                failures = 0;
                continue;
            }

            await BackOff(failures++, stopping).ConfigureAwait(false);
        }
    }

    private static async Task BackOff(int failures, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(GrpcErrors.Backoff(failures, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)), stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One stream, until the server ends it, its lifetime is over, or we stop. True when we closed it.</summary>
    private async Task<bool> PullAsync(StreamState stream, CancellationToken stopping)
    {
        // The call is cancelled only when a polite close went unanswered; stopping half-closes it instead.
        using var abort = new CancellationTokenSource();
        var lifetime = client.Options.StreamLifetime;
        using var call = client.StreamingPull(DateTime.UtcNow + lifetime + CloseTimeout + CloseTimeout, abort.Token);
        var writeGate = new SemaphoreSlim(1, 1);
        await call.RequestStream.WriteAsync(new StreamingPullRequest
        {
            Subscription = Path,
            StreamAckDeadlineSeconds = (int)client.Options.AckDeadline.TotalSeconds,
            ClientId = _clientId,
            MaxOutstandingMessages = maxOutstandingMessages,
            MaxOutstandingBytes = maxOutstandingBytes,
        }, CancellationToken.None).ConfigureAwait(false);

        using var lifetimeOver = new CancellationTokenSource(lifetime);
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(stopping, lifetimeOver.Token);
        var closed = Task.CompletedTask;
        await using var onClose = closing.Token.Register(() => closed = CloseAsync(call, writeGate, abort)).ConfigureAwait(false);
        var keepAlive = KeepAliveAsync(call, writeGate, closing.Token);
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                stream.Delivered = true;
                var batch = call.ResponseStream.Current;
                var ordered = batch.MessageOrderingEnabled ?? subscription.Settings.Ordered;
                foreach (var message in batch.Messages)
                    onMessage(message, ordered);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && abort.IsCancellationRequested)
        {
            LogContext.Debug?.Log("Stream on {Subscription} did not end within {Timeout} of closing; cancelled it", subscription.SubscriptionId, CloseTimeout);
        }
        finally
        {
            await closing.CancelAsync().ConfigureAwait(false);
            await closed.ConfigureAwait(false);
            await IgnoreCancellation(keepAlive).ConfigureAwait(false);
        }

        stopping.ThrowIfCancellationRequested();
        return lifetimeOver.IsCancellationRequested;
    }

    /// <summary>Half-closes the request stream (the server then ends the response stream); cancels the call if it does not.</summary>
    private static async Task CloseAsync(AsyncDuplexStreamingCall<StreamingPullRequest, StreamingPullBatch> call, SemaphoreSlim gate, CancellationTokenSource abort)
    {
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The stream already ended.
        }
        finally
        {
            gate.Release();
        }

        abort.CancelAfter(CloseTimeout);
    }

    private async Task KeepAliveAsync(AsyncDuplexStreamingCall<StreamingPullRequest, StreamingPullBatch> call, SemaphoreSlim gate, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(client.Options.KeepAliveInterval);
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            await gate.WaitAsync(stop).ConfigureAwait(false);
            try
            {
                if (!stop.IsCancellationRequested)
                    await call.RequestStream.WriteAsync(new StreamingPullRequest(), stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException)
            {
                // The stream is closing; the reader notices and reconnects.
                return;
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>What one stream did, for the backoff after it.</summary>
    private sealed class StreamState
    {
        private readonly long _openedAt = Environment.TickCount64;

        public bool Delivered { get; set; }

        public bool WasHealthy => Delivered || Environment.TickCount64 - _openedAt >= HealthyAfter.TotalMilliseconds;
    }
}
