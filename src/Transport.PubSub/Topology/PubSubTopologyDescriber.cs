using AiProd.Transport.PubSub.Configuration;
using AiProd.Transport.PubSub.Transport;
using MassTransit;

namespace AiProd.Transport.PubSub.Topology;

/// <summary>
/// The one place that turns an endpoint's configuration into Pub/Sub ids. The receiver pulls from what it returns, the
/// error and skipped moves and the senders use the same <see cref="PubSubNames"/> rules, and the topology report is
/// made of it, so what is reported is what is used.
/// </summary>
internal static class PubSubTopologyDescriber
{
    /// <summary>How long a temporary endpoint's subscriptions live without a consumer, should its process die before deleting them.</summary>
    public static readonly TimeSpan TemporaryExpiry = TimeSpan.FromDays(1);

    public static PubSubEndpointTopology Endpoint(string namePrefix, ReceiveSettings settings, IEnumerable<Type> consumedTypes,
        IPublishTopology publishTopology, Uri hostAddress)
    {
        string Id(string name) => PubSubNames.WithPrefix(namePrefix, name);
        var expiry = settings.Temporary ? TemporaryExpiry : (TimeSpan?)null;
        var own = Id(settings.Name);
        var messageSubscriptions = consumedTypes
            .Select(type => (Type: type, Topic: TopicOf(publishTopology, hostAddress, type)))
            .Where(t => t.Topic is not null)
            .Select(t => new PubSubSubscriptionInfo(Id(PubSubNames.Subscription(settings.Name, t.Topic!)), Id(t.Topic!), settings.Ordered, t.Type, expiry))
            .ToList();
        return new PubSubEndpointTopology(settings.Name, settings.Temporary, settings.Ordered,
            new PubSubSubscriptionInfo(own, own, settings.Ordered, null, expiry),
            messageSubscriptions,
            MoveTarget(Id(PubSubNames.ErrorEndpoint(settings.Name))),
            MoveTarget(Id(PubSubNames.SkippedEndpoint(settings.Name))));
    }

    /// <summary>A published type's topic (without the prefix): its publish address, which <c>SetEntityName</c> may change.</summary>
    public static string? TopicOf(IPublishTopology publishTopology, Uri hostAddress, Type messageType) =>
        publishTopology.TryGetPublishAddress(messageType, hostAddress, out var address) && address is not null
            ? PubSubEndpointAddress.Parse(hostAddress, address).Name
            : null;

    public static PubSubTopicInfo PublishTopic(string namePrefix, IPublishTopology publishTopology, Uri hostAddress, Type messageType) =>
        new(PubSubNames.WithPrefix(namePrefix, TopicOf(publishTopology, hostAddress, messageType) ?? PubSubNames.ForMessageType(messageType)), messageType);

    /// <summary>The subscriptions an endpoint pulls from, as its receiver needs them.</summary>
    public static List<EndpointSubscription> Pulled(PubSubEndpointTopology topology) =>
        [.. topology.Consumed.Select(s => new EndpointSubscription(s.SubscriptionId, s.TopicId, s.MessageType is { } type ? MessageUrn.ForTypeString(type) : null, Settings(s)))];

    public static SubscriptionSettings Settings(PubSubSubscriptionInfo subscription) => new(subscription.Ordered, subscription.ExpireAfterIdle);

    // Moved messages are kept for inspection or replay, unordered, never expiring.
    private static PubSubSubscriptionInfo MoveTarget(string id) => new(id, id, false, null);
}
