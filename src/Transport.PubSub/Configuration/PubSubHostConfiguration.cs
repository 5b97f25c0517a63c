using AiProd.Transport.PubSub.Topology;
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
    private readonly List<Type> _declaredPublishTypes = [];
    private readonly List<PubSubEndpointTopology> _builtEndpoints = [];
    private IReadOnlyList<PubSubTopicInfo>? _publishTopics;
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

    public void DeclarePublishTypes(IEnumerable<Type> messageTypes)
    {
        foreach (var type in messageTypes)
        {
            if (!MessageTypeCache.IsValidMessageType(type))
                throw new ConfigurationException($"{type} cannot be published: it is not a valid message type.");
            if (!_declaredPublishTypes.Contains(type))
                _declaredPublishTypes.Add(type);
        }
    }

    public IReadOnlyList<PubSubTopicInfo> DescribePublishTopics() => _publishTopics ?? PublishTopics();

    // Fixed when the bus is built: later the publish topology also grows with every type the bus happens to publish.
    private IReadOnlyList<PubSubTopicInfo> PublishTopics()
    {
        var types = _declaredPublishTypes.AsEnumerable();
        if (DeployPublishTopology && Topology.PublishTopology is PubSubPublishTopology publish)
            types = types.Concat(publish.ConfiguredMessageTypes());
        return
        [
            .. types.Distinct()
                .Select(t => PubSubTopologyDescriber.PublishTopic(Options.NamePrefix, Topology.PublishTopology, HostAddress, t))
                .DistinctBy(t => t.TopicId, StringComparer.Ordinal),
        ];
    }

    public void EndpointBuilt(PubSubEndpointTopology endpoint)
    {
        lock (_builtEndpoints)
        {
            var index = _builtEndpoints.FindIndex(e => e.Name == endpoint.Name);
            if (index >= 0)
                _builtEndpoints[index] = endpoint;
            else
                _builtEndpoints.Add(endpoint);
        }
    }

    public PubSubTopology Describe()
    {
        lock (_builtEndpoints)
            return new PubSubTopology(Options.ProjectId, Options.NamePrefix, [.. _builtEndpoints], DescribePublishTopics());
    }

    public override IHost Build()
    {
        _publishTopics = PublishTopics();
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
    /// <summary>The bus's topics and subscriptions (see <c>GetPubSubTopology</c>).</summary>
    public PubSubTopology Describe() => host.Describe();

    /// <summary>The bus's connection, to create the topology with.</summary>
    public PubSubClient Client => host.Entities.Client;

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
