using AiProd.Transport.PubSub.Configuration;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

internal sealed class PubSubReceiveEndpointContext(
    IPubSubHostConfiguration host,
    IReceiveEndpointConfiguration configuration,
    ReceiveSettings settings,
    PubSubEndpointTopology endpointTopology)
    : BaseReceiveEndpointContext(host, configuration)
{
    private readonly object _gate = new();
    private PubSubClientContextSupervisor? _supervisor;

    public ReceiveSettings Settings { get; } = settings;

    public IPubSubHostConfiguration Host { get; } = host;

    /// <summary>The endpoint's topic and subscriptions, with the ids the receiver pulls from.</summary>
    public PubSubEndpointTopology EndpointTopology { get; } = endpointTopology;

    public PubSubClientContextSupervisor GetOrCreateSupervisor()
    {
        lock (_gate)
        {
            if (_supervisor is null || _supervisor.Completed.IsCompleted)
                _supervisor = new PubSubClientContextSupervisor(Host.Entities);
            return _supervisor;
        }
    }

    public override void AddSendAgent(IAgent agent) => _supervisor?.AddSendAgent(agent);

    public override void AddConsumeAgent(IAgent agent) => _supervisor?.AddConsumeAgent(agent);

    public override Exception ConvertException(Exception exception, string message) =>
        new ConnectionException(message + Host.HostAddress, exception);

    protected override ISendTransportProvider CreateSendTransportProvider() => new PubSubSendTransportProvider(Host, this);

    protected override IPublishTransportProvider CreatePublishTransportProvider() => new PubSubPublishTransportProvider(Host, this);
}
