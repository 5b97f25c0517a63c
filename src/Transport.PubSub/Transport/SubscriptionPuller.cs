using AiProd.Transport.PubSub.V1;
using Grpc.Core;
using MassTransit;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>One subscription of a receive endpoint, and the message type its topic carries (null for the endpoint's own topic).</summary>
internal sealed record EndpointSubscription(string SubscriptionId, string TopicId, string? MessageType, SubscriptionSettings Settings);

/// <summary>
/// Keeps one StreamingPull open on a subscription and hands every message to <c>onMessage</c>. The server closes streams
/// routinely and the emulator or network may vanish: it reconnects with backoff (0.5 s doubling to 10 s, reset once a
/// stream delivers), re-creates the subscription after NOT_FOUND, writes a keep-alive on idle streams, and reuses its
/// client id so the server carries state over. PERMISSION_DENIED, INVALID_ARGUMENT and the like end it with the error.
/// </summary>
internal sealed class SubscriptionPuller(
    PubSubClient client,
    EndpointSubscription subscription,
    int maxOutstandingMessages,
    long maxOutstandingBytes,
    Action<ReceivedMessage, bool> onMessage)
{
    private readonly string _clientId = Guid.NewGuid().ToString("N");

    public string Path { get; } = client.SubscriptionPath(subscription.SubscriptionId);

    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await client.EnsureSubscriptionAsync(subscription.SubscriptionId, subscription.TopicId, subscription.Settings, stopping).ConfigureAwait(false);
                var delivered = await PullAsync(stopping).ConfigureAwait(false);
                failures = delivered ? 0 : failures;
                await Task.Delay(TimeSpan.FromMilliseconds(500), stopping).ConfigureAwait(false);
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
                await BackOff(failures++, stopping).ConfigureAwait(false);
            }
            catch (RpcException e) when (GrpcErrors.IsTransient(e) || e.StatusCode == StatusCode.Cancelled)
            {
                LogContext.Debug?.Log("Stream on {Subscription} closed ({Status}); reconnecting", subscription.SubscriptionId, e.StatusCode);
                await BackOff(failures++, stopping).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                LogContext.Debug?.Log(e, "Stream on {Subscription} could not connect; reconnecting", subscription.SubscriptionId);
                await BackOff(failures++, stopping).ConfigureAwait(false);
            }
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

    /// <summary>One stream, until the server ends it or we stop. True when it delivered anything.</summary>
    private async Task<bool> PullAsync(CancellationToken stopping)
    {
        using var call = client.Subscriber.StreamingPull(cancellationToken: stopping);
        var writeGate = new SemaphoreSlim(1, 1);
        await call.RequestStream.WriteAsync(new StreamingPullRequest
        {
            Subscription = Path,
            StreamAckDeadlineSeconds = (int)client.Options.AckDeadline.TotalSeconds,
            ClientId = _clientId,
            MaxOutstandingMessages = maxOutstandingMessages,
            MaxOutstandingBytes = maxOutstandingBytes,
        }, stopping).ConfigureAwait(false);

        using var keepAliveStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var keepAlive = KeepAliveAsync(call, writeGate, keepAliveStop.Token);
        var delivered = false;
        try
        {
            while (await call.ResponseStream.MoveNext(stopping).ConfigureAwait(false))
            {
                delivered = true;
                var response = call.ResponseStream.Current;
                var ordered = response.SubscriptionProperties?.MessageOrderingEnabled ?? subscription.Settings.Ordered;
                foreach (var message in response.ReceivedMessages)
                    onMessage(message, ordered);
            }

            return delivered;
        }
        finally
        {
            await keepAliveStop.CancelAsync().ConfigureAwait(false);
            try
            {
                await keepAlive.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task KeepAliveAsync(AsyncDuplexStreamingCall<StreamingPullRequest, StreamingPullResponse> call, SemaphoreSlim gate, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(client.Options.KeepAliveInterval);
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            await gate.WaitAsync(stop).ConfigureAwait(false);
            try
            {
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
}
