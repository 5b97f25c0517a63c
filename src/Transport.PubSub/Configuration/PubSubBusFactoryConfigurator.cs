using AiProd.Transport.PubSub.Transport;
using MassTransit;
using MassTransit.Configuration;

namespace AiProd.Transport.PubSub.Configuration;

internal sealed class PubSubBusFactoryConfigurator : BusFactoryConfigurator, IPubSubBusFactoryConfigurator, IBusFactory
{
    private readonly IPubSubBusConfiguration _bus;
    private readonly ReceiveSettings _busEndpoint;

    public PubSubBusFactoryConfigurator(IPubSubBusConfiguration bus)
        : base(bus)
    {
        _bus = bus;
        // The bus's own endpoint (responses to requests): temporary, deleted on stop, and expiring if a crash leaves it behind.
        _busEndpoint = new ReceiveSettings(bus.Topology.Consume.CreateTemporaryQueueName("bus"), temporary: true);
    }

    public PubSubTransportOptions? Options { get; private set; }

    // Connected at once: endpoint definitions configured after this read the options (e.g. the default concurrency).
    public void Host(PubSubTransportOptions options)
    {
        _bus.HostConfiguration.Connect(options);
        Options = options;
        // Endpoints that set nothing hold this many unacknowledged messages.
        PrefetchCount = options.MaxOutstandingMessages;
        if (options.ConcurrentMessageLimit is { } limit)
            ConcurrentMessageLimit = limit;
    }

    public void Host(string projectId, Action<PubSubTransportOptions>? configure = null)
    {
        var options = new PubSubTransportOptions { ProjectId = projectId };
        configure?.Invoke(options);
        Host(options);
    }

    public void DeclarePublishTopics(params Type[] messageTypes) => _bus.HostConfiguration.DeclarePublishTypes(messageTypes);

    public IReceiveEndpointConfiguration CreateBusEndpointConfiguration(Action<IReceiveEndpointConfigurator> configure) =>
        _bus.HostConfiguration.CreateReceiveEndpointConfiguration(_busEndpoint, _bus.BusEndpointConfiguration, c => configure(c));

    public void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IPubSubReceiveEndpointConfigurator>? configureEndpoint = null) =>
        _bus.HostConfiguration.ReceiveEndpoint(definition, endpointNameFormatter, configureEndpoint);

    public void ReceiveEndpoint(string queueName, Action<IPubSubReceiveEndpointConfigurator> configureEndpoint) =>
        _bus.HostConfiguration.ReceiveEndpoint(queueName, configureEndpoint);

    public void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        _bus.HostConfiguration.ReceiveEndpoint(definition, endpointNameFormatter, configureEndpoint);

    public void ReceiveEndpoint(string queueName, Action<IReceiveEndpointConfigurator> configureEndpoint) =>
        _bus.HostConfiguration.ReceiveEndpoint(queueName, configureEndpoint);
}
