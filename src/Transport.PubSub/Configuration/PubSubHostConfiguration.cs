using AiProd.Transport.PubSub.Transport;
using Grpc.Core;
using MassTransit;
using MassTransit.Configuration;
using IHost = MassTransit.Transports.IHost;

namespace AiProd.Transport.PubSub.Configuration;

internal sealed class PubSubHostConfiguration
    : BaseHostConfiguration<IPubSubReceiveEndpointConfiguration, IPubSubReceiveEndpointConfigurator>, IPubSubHostConfiguration
{
    private readonly IPubSubBusConfiguration _bus;
    private PubSubEntities? _entities;
    private Uri _hostAddress = PubSubEndpointAddress.HostAddress("unconfigured");

    public PubSubHostConfiguration(IPubSubBusConfiguration bus, IPubSubTopologyConfiguration topology)
        : base(bus)
    {
        _bus = bus;
        Topology = new PubSubBusTopology(this, topology);
        // How the receive transport restarts after a fault it could not handle inside (it reconnects streams itself).
        ReceiveTransportRetryPolicy = Retry.CreatePolicy(x =>
        {
            x.Handle<ConnectionException>();
            x.Handle<RpcException>();
            x.Exponential(int.MaxValue, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2));
        });
    }

    public PubSubTransportOptions Options { get; private set; } = new();

    public PubSubEntities Entities => _entities ?? throw new InvalidOperationException("The Pub/Sub host is not configured: call cfg.Host(...).");

    public override Uri HostAddress => _hostAddress;

    public override IBusTopology Topology { get; }

    public override IRetryPolicy ReceiveTransportRetryPolicy { get; }

    public void Connect(PubSubTransportOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ConfigurationException($"The Pub/Sub transport options are invalid: {string.Join(" ", problems)}");
        Options = options;
        _hostAddress = PubSubEndpointAddress.HostAddress(options.ProjectId);
        _entities = new PubSubEntities(new PubSubClient(options));
    }

    public IPubSubReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string endpointName, Action<IPubSubReceiveEndpointConfigurator>? configure = null) =>
        CreateReceiveEndpointConfiguration(new ReceiveSettings(endpointName), _bus.CreateEndpointConfiguration(), configure);

    public IPubSubReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(ReceiveSettings settings, IPubSubEndpointConfiguration endpointConfiguration,
        Action<IPubSubReceiveEndpointConfigurator>? configure = null)
    {
        var configuration = new PubSubReceiveEndpointConfiguration(this, settings, endpointConfiguration);
        configure?.Invoke(configuration);
        Observers.EndpointConfigured(configuration);
        Add(configuration);
        return configuration;
    }

    public override IReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string queueName, Action<IReceiveEndpointConfigurator>? configure) =>
        CreateReceiveEndpointConfiguration(queueName, configure is null ? null : c => configure(c));

    public override IHost Build()
    {
        var host = new PubSubHost(this, Topology);
        foreach (var endpoint in GetConfiguredEndpoints())
            endpoint.Build(host);
        return host;
    }

    public override void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IPubSubReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        var name = definition.GetEndpointName(endpointNameFormatter ?? DefaultEndpointNameFormatter.Instance);
        // A temporary endpoint (e.g. one process following events) gets subscriptions that expire and are deleted on stop.
        CreateReceiveEndpointConfiguration(new ReceiveSettings(name, definition.IsTemporary), _bus.CreateEndpointConfiguration(), configurator =>
        {
            configurator.ConfigureConsumeTopology = definition.ConfigureConsumeTopology;
            if (definition.ConcurrentMessageLimit.HasValue)
                configurator.ConcurrentMessageLimit = definition.ConcurrentMessageLimit;
            else if (Options.ConcurrentMessageLimit.HasValue)
                configurator.ConcurrentMessageLimit = Options.ConcurrentMessageLimit;
            // Flow control: hold no more than the endpoint consumes at once (unless it says otherwise), so messages it
            // cannot start yet stay on the server for other replicas.
            if (definition.PrefetchCount.HasValue)
                configurator.PrefetchCount = definition.PrefetchCount.Value;
            else if (configurator.ConcurrentMessageLimit is { } limit)
                configurator.PrefetchCount = limit;
            definition.Configure(configurator);
            configureEndpoint?.Invoke(configurator);
        });
    }

    public override void ReceiveEndpoint(string queueName, Action<IPubSubReceiveEndpointConfigurator>? configureEndpoint) =>
        CreateReceiveEndpointConfiguration(queueName, configureEndpoint);
}

/// <summary>Where each message type is published: its topic on this host.</summary>
internal sealed class PubSubBusTopology(IPubSubHostConfiguration host, IPubSubTopologyConfiguration topology) : IBusTopology
{
    public ISendTopology SendTopology => topology.Send;

    public IPublishTopology PublishTopology => topology.Publish;

    public IMessagePublishTopology<T> Publish<T>() where T : class => topology.Publish.GetMessageTopology<T>();

    public IMessageSendTopology<T> Send<T>() where T : class => topology.Send.GetMessageTopology<T>();

    public IMessageTopology<T> Message<T>() where T : class => topology.Message.GetMessageTopology<T>();

    public bool TryGetPublishAddress<T>(out Uri publishAddress) where T : class =>
        topology.Publish.GetMessageTopology<T>().TryGetPublishAddress(host.HostAddress, out publishAddress!);

    public bool TryGetPublishAddress(Type messageType, out Uri publishAddress) =>
        topology.Publish.TryGetPublishAddress(messageType, host.HostAddress, out publishAddress!);
}
