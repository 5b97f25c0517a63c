using AiProd.Transport.PubSub.Transport;
using MassTransit;
using MassTransit.Configuration;
using IHost = MassTransit.Transports.IHost;

namespace AiProd.Transport.PubSub.Configuration;

internal interface IPubSubTopologyConfiguration : ITopologyConfiguration;

internal interface IPubSubEndpointConfiguration : IEndpointConfiguration
{
    new IPubSubTopologyConfiguration Topology { get; }
}

internal interface IPubSubBusConfiguration : IBusConfiguration
{
    new IPubSubHostConfiguration HostConfiguration { get; }

    new IPubSubEndpointConfiguration BusEndpointConfiguration { get; }

    new IPubSubTopologyConfiguration Topology { get; }

    IPubSubEndpointConfiguration CreateEndpointConfiguration(bool isBusEndpoint = false);
}

internal interface IPubSubHostConfiguration : IHostConfiguration, IReceiveConfigurator<IPubSubReceiveEndpointConfigurator>
{
    PubSubTransportOptions Options { get; }

    /// <summary>The connection and the topic registry; set when the bus is created.</summary>
    PubSubEntities Entities { get; }

    void Connect(PubSubTransportOptions options);

    IPubSubReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(ReceiveSettings settings, IPubSubEndpointConfiguration endpointConfiguration,
        Action<IPubSubReceiveEndpointConfigurator>? configure = null);

    IPubSubReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string endpointName, Action<IPubSubReceiveEndpointConfigurator>? configure = null);

    /// <summary>Message types whose topics are created when the bus starts (<c>DeclarePublishTopics</c>).</summary>
    void DeclarePublishTypes(IEnumerable<Type> messageTypes);

    /// <summary>The topics created when the bus starts: declared types, and with DeployPublishTopology every type configured with Publish.</summary>
    IReadOnlyList<PubSubTopicInfo> DescribePublishTopics();

    /// <summary>Records an endpoint's topology when it is built (at bus creation, or when connected later).</summary>
    void EndpointBuilt(PubSubEndpointTopology endpoint);

    /// <summary>Every endpoint built so far and the declared publish topics.</summary>
    PubSubTopology Describe();
}

internal interface IPubSubReceiveEndpointConfiguration : IReceiveEndpointConfiguration, IPubSubEndpointConfiguration
{
    ReceiveSettings Settings { get; }

    void Build(IHost host);
}

/// <summary>One receive endpoint's settings; the name is without the environment prefix.</summary>
internal sealed class ReceiveSettings(string name, bool temporary = false)
{
    public string Name { get; } = PubSubNames.Sanitize(name);

    public bool Temporary { get; } = temporary;

    public bool Ordered { get; set; }

    public int? MaxOutstandingMessages { get; set; }
}
