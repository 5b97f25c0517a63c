using AiProd.Transport.PubSub.Topology;
using AiProd.Transport.PubSub.Transport;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;
using IHost = MassTransit.Transports.IHost;

namespace AiProd.Transport.PubSub.Configuration;

internal sealed class PubSubReceiveEndpointConfiguration(
    IPubSubHostConfiguration host,
    ReceiveSettings settings,
    IPubSubEndpointConfiguration endpointConfiguration)
    : ReceiveEndpointConfiguration(host, endpointConfiguration), IPubSubReceiveEndpointConfiguration, IPubSubReceiveEndpointConfigurator
{
    public ReceiveSettings Settings { get; } = settings;

    public override Uri HostAddress => host.HostAddress;

    public override Uri InputAddress => new PubSubEndpointAddress(host.Options.ProjectId, Settings.Name, false).ToUri();

    public new IPubSubTopologyConfiguration Topology => endpointConfiguration.Topology;

    public bool EnableMessageOrdering
    {
        set => Settings.Ordered = value;
    }

    public override ReceiveEndpointContext CreateReceiveEndpointContext() => BuildContext();

    public void Build(IHost busHost)
    {
        var context = BuildContext();
        var pipe = new PipeConfigurator<PubSubClientContext>();
        pipe.UseFilter(new PubSubConsumerFilter(context));
        var transport = new ReceiveTransport<PubSubClientContext>(host, context, context.GetOrCreateSupervisor, pipe.Build());
        // As other transports do: the bus endpoint creates the declared publish topics before the bus is ready.
        if (IsBusEndpoint && host.DescribePublishTopics() is { Count: > 0 } topics)
        {
            var preStart = new PipeConfigurator<PubSubClientContext>();
            preStart.UseFilter(new PubSubPublishTopicsFilter(topics));
            transport.PreStartPipe = preStart.Build();
        }

        var endpoint = new ReceiveEndpoint(transport, context);
        busHost.AddReceiveEndpoint(Settings.Name, endpoint);
        ReceiveEndpoint = endpoint;
    }

    private PubSubReceiveEndpointContext BuildContext()
    {
        var builder = new PubSubReceiveEndpointBuilder(this);
        ApplySpecifications(builder);
        Settings.MaxOutstandingMessages = Math.Max(1, PrefetchCount);
        host.Entities.RegisterEndpoint(Settings.Name, Settings.Ordered);
        var topology = PubSubTopologyDescriber.Endpoint(host.Options.NamePrefix, Settings, builder.SubscribedMessageTypes,
            host.Topology.PublishTopology, host.HostAddress);
        host.EndpointBuilt(topology);
        var context = new PubSubReceiveEndpointContext(host, this, Settings, topology);
        // The delayed scheduler and others look the bus topology up on the receive context.
        context.GetOrAddPayload(() => host.Topology);
        context.GetOrAddPayload<IErrorTransport>(() => new PubSubErrorTransport(host.Entities, PubSubNames.ErrorEndpoint(Settings.Name)));
        context.GetOrAddPayload<IDeadLetterTransport>(() => new PubSubDeadLetterTransport(host.Entities, PubSubNames.SkippedEndpoint(Settings.Name)));
        return context;
    }
}

/// <summary>Collects the message types an endpoint consumes, each of which becomes a subscription to that type's topic.</summary>
internal sealed class PubSubReceiveEndpointBuilder(IPubSubReceiveEndpointConfiguration configuration) : ReceiveEndpointBuilder(configuration)
{
    private readonly HashSet<Type> _types = [];

    public IReadOnlyCollection<Type> SubscribedMessageTypes => _types;

    public override ConnectHandle ConnectConsumePipe<T>(IPipe<ConsumeContext<T>> pipe, ConnectPipeOptions options)
    {
        if (configuration.ConfigureConsumeTopology && options.HasFlag(ConnectPipeOptions.ConfigureConsumeTopology))
            _types.Add(typeof(T));
        return base.ConnectConsumePipe(pipe, options);
    }
}
