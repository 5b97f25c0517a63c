namespace AiProd.Transport.PubSub;

/// <summary>
/// Every topic and subscription a configured bus creates and consumes on Pub/Sub, worked out from its configuration by
/// the same naming the transport uses (nothing is asked of Pub/Sub). Ids are complete: the <c>NamePrefix</c> is in them.
/// Get it with <c>bus.GetPubSubTopology()</c> once the bus is created (it need not be started); create it with
/// <see cref="PubSubTopologyDeployer"/> or <c>bus.DeployPubSubTopologyAsync()</c>.
/// </summary>
/// <param name="ProjectId">The project the ids belong to.</param>
/// <param name="NamePrefix">The prefix in front of every id.</param>
/// <param name="Endpoints">Every receive endpoint, in the order they were configured (temporary ones included).</param>
/// <param name="PublishTopics">The topics of the message types declared for publishing, created when the bus starts.</param>
public sealed record PubSubTopology(
    string ProjectId,
    string NamePrefix,
    IReadOnlyList<PubSubEndpointTopology> Endpoints,
    IReadOnlyList<PubSubTopicInfo> PublishTopics)
{
    /// <summary>Every topic (endpoints' own, error and skipped ones, those their subscriptions read, declared ones), each once, by id.</summary>
    public IReadOnlyList<PubSubTopicInfo> Topics =>
    [
        .. Endpoints.SelectMany(e => e.AllSubscriptions).Select(s => new PubSubTopicInfo(s.TopicId, s.MessageType))
            .Concat(PublishTopics)
            .GroupBy(t => t.TopicId, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(t => t.MessageType is not null) ?? g.First())
            .OrderBy(t => t.TopicId, StringComparer.Ordinal),
    ];

    /// <summary>Every subscription, each once, by id.</summary>
    public IReadOnlyList<PubSubSubscriptionInfo> Subscriptions =>
    [
        .. Endpoints.SelectMany(e => e.AllSubscriptions)
            .DistinctBy(s => s.SubscriptionId, StringComparer.Ordinal)
            .OrderBy(s => s.SubscriptionId, StringComparer.Ordinal),
    ];

    /// <summary>
    /// The same without temporary endpoints (the bus's own response endpoint, per-process followers): what a deployment
    /// of the service has for as long as it exists, e.g. to create upfront or to scale on.
    /// </summary>
    public PubSubTopology WithoutTemporaryEndpoints() => this with { Endpoints = [.. Endpoints.Where(e => !e.Temporary)] };
}

/// <summary>One receive endpoint's entities.</summary>
/// <param name="Name">The endpoint's name (what <c>queue:{Name}</c> addresses), without the prefix.</param>
/// <param name="Temporary">Its topic and subscriptions expire when idle and are deleted when it stops.</param>
/// <param name="Ordered">Its subscriptions are created with message ordering.</param>
/// <param name="Subscription">Its own topic (what Send targets) and the subscription of the same name.</param>
/// <param name="MessageSubscriptions">One subscription per consumed message type, on that type's topic: <c>{endpoint}.{topic}</c>.</param>
/// <param name="Error">Where faulted messages are moved: topic and same-named subscription <c>{endpoint}_error</c>.</param>
/// <param name="Skipped">Where messages no consumer took are moved: <c>{endpoint}_skipped</c>.</param>
public sealed record PubSubEndpointTopology(
    string Name,
    bool Temporary,
    bool Ordered,
    PubSubSubscriptionInfo Subscription,
    IReadOnlyList<PubSubSubscriptionInfo> MessageSubscriptions,
    PubSubSubscriptionInfo Error,
    PubSubSubscriptionInfo Skipped)
{
    /// <summary>The endpoint's own topic.</summary>
    public string TopicId => Subscription.TopicId;

    /// <summary>The subscriptions the endpoint pulls from (its own, then one per message type): what an autoscaler watches.</summary>
    public IReadOnlyList<PubSubSubscriptionInfo> Consumed => [Subscription, .. MessageSubscriptions];

    /// <summary>Every subscription of the endpoint, the error and skipped ones included.</summary>
    public IReadOnlyList<PubSubSubscriptionInfo> AllSubscriptions => [.. Consumed, Error, Skipped];
}

/// <summary>A subscription as the transport creates it (settings apply only on creation: Pub/Sub cannot change them later).</summary>
/// <param name="SubscriptionId">Its id, prefix included.</param>
/// <param name="TopicId">The id of the topic it reads, prefix included.</param>
/// <param name="Ordered">Created with <c>enable_message_ordering</c>.</param>
/// <param name="MessageType">The message type its topic carries; null for an endpoint's own, error and skipped topics.</param>
/// <param name="ExpireAfterIdle">The expiration policy of a temporary endpoint's subscription; null: never expires.</param>
public sealed record PubSubSubscriptionInfo(string SubscriptionId, string TopicId, bool Ordered, Type? MessageType, TimeSpan? ExpireAfterIdle = null);

/// <summary>A topic.</summary>
/// <param name="TopicId">Its id, prefix included.</param>
/// <param name="MessageType">The message type published to it; null for an endpoint's own, error and skipped topics.</param>
public sealed record PubSubTopicInfo(string TopicId, Type? MessageType);
