using AiProd.Transport.PubSub.Configuration;
using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>The bus host: connects receive endpoints at run time (request clients, temporary endpoints).</summary>
internal sealed class PubSubHost(IPubSubHostConfiguration host, IBusTopology topology) : BaseHost(host, topology), IHost<IPubSubReceiveEndpointConfigurator>
{
    public override HostReceiveEndpointHandle ConnectReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        ConnectReceiveEndpoint(definition.GetEndpointName(endpointNameFormatter ?? DefaultEndpointNameFormatter.Instance), configureEndpoint);

    public override HostReceiveEndpointHandle ConnectReceiveEndpoint(string queueName, Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        ConnectReceiveEndpoint(queueName, configureEndpoint is null ? null : (Action<IPubSubReceiveEndpointConfigurator>)(c => configureEndpoint(c)));

    public HostReceiveEndpointHandle ConnectReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter = null,
        Action<IPubSubReceiveEndpointConfigurator>? configureEndpoint = null) =>
        ConnectReceiveEndpoint(definition.GetEndpointName(endpointNameFormatter ?? DefaultEndpointNameFormatter.Instance), configureEndpoint);

    public HostReceiveEndpointHandle ConnectReceiveEndpoint(string queueName, Action<IPubSubReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        LogContext.SetCurrentIfNull(host.LogContext);
        var configuration = host.CreateReceiveEndpointConfiguration(queueName, configureEndpoint);
        configuration.Validate().ThrowIfContainsFailure("The receive endpoint configuration is invalid:");
        configuration.Build(this);
        return ReceiveEndpoints.Start(configuration.Settings.Name);
    }

    protected override void Probe(ProbeContext context) => context.Set(new { Type = "Google Cloud Pub/Sub", host.HostAddress, host.Options.ProjectId });
}
