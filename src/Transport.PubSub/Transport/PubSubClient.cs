using System.Collections.Concurrent;
using AiProd.Transport.PubSub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// One gRPC channel to Pub/Sub (the emulator over plain HTTP/2, or the service over TLS with Application Default
/// Credentials), the Publisher and Subscriber stubs, and idempotent "create if missing" for topics and subscriptions.
/// Shared by every endpoint of a bus.
/// </summary>
internal sealed class PubSubClient : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _ensured = new(StringComparer.Ordinal);

    public PubSubClient(PubSubTransportOptions options)
    {
        Options = options;
        _channel = PubSubChannel.Create(options);
        _invoker = _channel.CreateCallInvoker();
        Publisher = new Publisher.PublisherClient(_channel);
        Subscriber = new Subscriber.SubscriberClient(_channel);
    }

    public PubSubTransportOptions Options { get; }

    public Publisher.PublisherClient Publisher { get; }

    public Subscriber.SubscriberClient Subscriber { get; }

    /// <summary>One Publish call, its request written straight from the batch (<see cref="PublishWire"/>).</summary>
    public Task<PublishResponse> PublishAsync(PublishBatchRequest request, DateTime deadline, CancellationToken cancellationToken) =>
        _invoker.AsyncUnaryCall(PublishWire.Publish, null, new CallOptions(deadline: deadline, cancellationToken: cancellationToken), request).ResponseAsync;

    /// <summary>A StreamingPull whose responses are read straight into the transport's own messages (<see cref="StreamingPullWire"/>).</summary>
    public AsyncDuplexStreamingCall<StreamingPullRequest, StreamingPullBatch> StreamingPull(DateTime deadline, CancellationToken cancellationToken) =>
        _invoker.AsyncDuplexStreamingCall(StreamingPullWire.StreamingPull, null, new CallOptions(deadline: deadline, cancellationToken: cancellationToken));

    public string TopicPath(string topicId) => $"projects/{Options.ProjectId}/topics/{topicId}";

    public string SubscriptionPath(string subscriptionId) => $"projects/{Options.ProjectId}/subscriptions/{subscriptionId}";

    /// <summary>Creates the topic unless it exists; remembered, so only the first call per topic talks to the server.</summary>
    public Task EnsureTopicAsync(string topicId, CancellationToken cancellationToken) =>
        Once($"t:{topicId}", async () =>
        {
            try
            {
                await Publisher.CreateTopicAsync(new Topic { Name = TopicPath(topicId) }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
            }
        });

    /// <summary>Creates the topic and the subscription on it unless they exist. Settings apply only when it is created.</summary>
    public Task EnsureSubscriptionAsync(string subscriptionId, string topicId, SubscriptionSettings settings, CancellationToken cancellationToken) =>
        Once($"s:{subscriptionId}", async () =>
        {
            await EnsureTopicAsync(topicId, cancellationToken).ConfigureAwait(false);
            var subscription = new Subscription
            {
                Name = SubscriptionPath(subscriptionId),
                Topic = TopicPath(topicId),
                AckDeadlineSeconds = (int)Options.AckDeadline.TotalSeconds,
                EnableMessageOrdering = settings.Ordered,
            };
            if (settings.ExpireAfterIdle is { } ttl)
                subscription.ExpirationPolicy = new ExpirationPolicy { Ttl = Duration.FromTimeSpan(ttl) };
            try
            {
                await Subscriber.CreateSubscriptionAsync(subscription, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                if (settings.Verify)
                    await WarnIfOrderingDiffersAsync(subscription, cancellationToken).ConfigureAwait(false);
            }
        });

    // Ordering is fixed at creation: a subscription a sender created first, without knowing, stays unordered.
    private async Task WarnIfOrderingDiffersAsync(Subscription wanted, CancellationToken cancellationToken)
    {
        Subscription existing;
        try
        {
            existing = await Subscriber.GetSubscriptionAsync(new GetSubscriptionRequest { Subscription = wanted.Name }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            // Only a check (a subscriber role may not read subscriptions): receiving goes on either way.
            LogContext.Debug?.Log("Could not read subscription {Subscription} to check its ordering ({Status})", wanted.Name, e.StatusCode);
            return;
        }

        if (existing.EnableMessageOrdering != wanted.EnableMessageOrdering)
        {
            LogContext.Warning?.Log("Subscription {Subscription} exists with message ordering {Existing}, not {Wanted}, and Pub/Sub cannot change that: " +
                "delete it, or create the topology before anything is sent (DeployPubSubTopologyAsync)", wanted.Name, existing.EnableMessageOrdering, wanted.EnableMessageOrdering);
        }
    }

    /// <summary>Forgets what was ensured, after the server said NOT_FOUND (an emulator restarted, an operator deleted it).</summary>
    public void Forget(string? topicId = null, string? subscriptionId = null)
    {
        if (topicId is not null)
            _ensured.TryRemove($"t:{topicId}", out _);
        if (subscriptionId is not null)
            _ensured.TryRemove($"s:{subscriptionId}", out _);
    }

    /// <summary>Deletes a temporary endpoint's subscription, and its topic when given (never a shared message-type topic).</summary>
    public async Task DeleteAsync(string subscriptionId, string? topicId, CancellationToken cancellationToken)
    {
        Forget(topicId, subscriptionId);
        try
        {
            await Subscriber.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Subscription = SubscriptionPath(subscriptionId) }, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (topicId is not null)
                await Publisher.DeleteTopicAsync(new DeleteTopicRequest { Topic = TopicPath(topicId) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.Unavailable)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task Once(string key, Func<Task> create)
    {
        var lazy = _ensured.GetOrAdd(key, _ => new Lazy<Task>(create));
        var task = lazy.Value;
        if (task.IsCompletedSuccessfully)
            return task;
        // A failed attempt is not remembered: the next caller tries again.
        if (task.IsFaulted || task.IsCanceled)
            _ensured.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, lazy));
        else
            _ = task.ContinueWith(t => _ensured.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, lazy)),
                CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return task;
    }
}

/// <summary>
/// How a subscription is created: ordered delivery, and an expiry for temporary endpoints. <paramref name="Verify"/>:
/// the caller knows the settings (it consumes the subscription, or deploys the topology), so an existing subscription
/// created otherwise is worth a warning.
/// </summary>
internal sealed record SubscriptionSettings(bool Ordered, TimeSpan? ExpireAfterIdle = null, bool Verify = true)
{
    /// <summary>What a sender uses for an endpoint it knows nothing about.</summary>
    public static readonly SubscriptionSettings Unknown = new(false, Verify: false);
}
