using MassTransit;

namespace AiProd.Transport.PubSub.Configuration;

/// <summary>Configures a MassTransit bus on Google Cloud Pub/Sub.</summary>
public interface IPubSubBusFactoryConfigurator : IBusFactoryConfigurator<IPubSubReceiveEndpointConfigurator>
{
    /// <summary>Uses these options (project, emulator, prefix, flow control, batching). They are validated when the bus is created.</summary>
    void Host(PubSubTransportOptions options);

    /// <summary>Uses project <paramref name="projectId"/> with the defaults, adjusted by <paramref name="configure"/>.</summary>
    void Host(string projectId, Action<PubSubTransportOptions>? configure = null);
}
