using MassTransit;

namespace AiProd.Transport.PubSub.Configuration;

/// <summary>Configures a MassTransit bus on Google Cloud Pub/Sub.</summary>
public interface IPubSubBusFactoryConfigurator : IBusFactoryConfigurator<IPubSubReceiveEndpointConfigurator>
{
    /// <summary>Uses these options (project, emulator, prefix, flow control, batching). They are validated when the bus is created.</summary>
    void Host(PubSubTransportOptions options);

    /// <summary>Uses project <paramref name="projectId"/> with the defaults, adjusted by <paramref name="configure"/>.</summary>
    void Host(string projectId, Action<PubSubTransportOptions>? configure = null);

    /// <summary>
    /// Creates the topics of these message types when the bus starts (before it is ready), so public event topics exist
    /// on a fresh deployment before the first event and subscribers elsewhere can attach to them; they are part of
    /// <c>bus.GetPubSubTopology()</c>. MassTransit's <c>DeployPublishTopology = true</c> does the same for every type
    /// configured with <c>Publish&lt;T&gt;()</c>. (A message published before any subscription exists is still dropped.)
    /// </summary>
    void DeclarePublishTopics(params Type[] messageTypes);
}
