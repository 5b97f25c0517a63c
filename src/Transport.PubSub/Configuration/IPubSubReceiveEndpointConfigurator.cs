using MassTransit;

namespace AiProd.Transport.PubSub.Configuration;

/// <summary>Pub/Sub settings of one receive endpoint.</summary>
public interface IPubSubReceiveEndpointConfigurator : IReceiveEndpointConfigurator
{
    /// <summary>
    /// Create this endpoint's subscriptions with message ordering, and consume messages of one ordering key one after
    /// another. Applies when the subscription is created (Pub/Sub cannot change it later). Default false.
    /// </summary>
    bool EnableMessageOrdering { set; }
}
