using MassTransit;
using MassTransit.Configuration;
using MassTransit.Observables;
using MassTransit.Topology;

namespace AiProd.Transport.PubSub.Configuration;

internal class PubSubEndpointConfiguration : EndpointConfiguration, IPubSubEndpointConfiguration
{
    protected PubSubEndpointConfiguration(IPubSubTopologyConfiguration topology)
        : base(topology) =>
        Topology = topology;

    private PubSubEndpointConfiguration(IEndpointConfiguration parent, IPubSubTopologyConfiguration topology, bool isBusEndpoint)
        : base(parent, topology, isBusEndpoint) =>
        Topology = topology;

    public new IPubSubTopologyConfiguration Topology { get; }

    public IPubSubEndpointConfiguration CreateEndpointConfiguration(bool isBusEndpoint) =>
        new PubSubEndpointConfiguration(this, new PubSubTopologyConfiguration(Topology), isBusEndpoint);
}

internal sealed class PubSubBusConfiguration : PubSubEndpointConfiguration, IPubSubBusConfiguration
{
    private readonly BusObservable _busObservers = new();

    private PubSubBusConfiguration(IPubSubTopologyConfiguration topology)
        : base(topology)
    {
        HostConfiguration = new PubSubHostConfiguration(this, topology);
        BusEndpointConfiguration = CreateEndpointConfiguration(true);
    }

    public IPubSubHostConfiguration HostConfiguration { get; }

    public IPubSubEndpointConfiguration BusEndpointConfiguration { get; }

    IHostConfiguration IBusConfiguration.HostConfiguration => HostConfiguration;

    IEndpointConfiguration IBusConfiguration.BusEndpointConfiguration => BusEndpointConfiguration;

    IBusObserver IBusConfiguration.BusObservers => _busObservers;

    public ConnectHandle ConnectBusObserver(IBusObserver observer) => _busObservers.Connect(observer);

    public ConnectHandle ConnectEndpointConfigurationObserver(IEndpointConfigurationObserver observer) =>
        HostConfiguration.ConnectEndpointConfigurationObserver(observer);

    public static PubSubBusConfiguration Create() =>
        new(new PubSubTopologyConfiguration(new MessageTopology(PubSubEntityNameFormatter.Instance)));
}
