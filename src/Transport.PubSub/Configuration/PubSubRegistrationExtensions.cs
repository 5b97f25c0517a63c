using AiProd.Transport.PubSub.Configuration;
using MassTransit.Configuration;
using MassTransit.Transports;

// In MassTransit's namespace, like every transport's Using... method, so it is found where the bus is configured.
namespace MassTransit;

public static class PubSubRegistrationExtensions
{
    /// <summary>
    /// Runs the bus on Google Cloud Pub/Sub. Call <c>cfg.Host(...)</c> inside <paramref name="configure"/>, then
    /// <c>cfg.ConfigureEndpoints(context)</c>. Messages travel as plain JSON with MassTransit headers as attributes.
    /// </summary>
    public static void UsingGooglePubSub(this IBusRegistrationConfigurator configurator,
        Action<IBusRegistrationContext, IPubSubBusFactoryConfigurator>? configure = null) =>
        configurator.SetBusFactory(new PubSubRegistrationBusFactory(configure));
}

internal sealed class PubSubRegistrationBusFactory(PubSubBusConfiguration bus, Action<IBusRegistrationContext, IPubSubBusFactoryConfigurator>? configure)
    : TransportRegistrationBusFactory<IPubSubReceiveEndpointConfigurator>(bus.HostConfiguration)
{
    public PubSubRegistrationBusFactory(Action<IBusRegistrationContext, IPubSubBusFactoryConfigurator>? configure)
        : this(PubSubBusConfiguration.Create(), configure)
    {
    }

    public override IBusInstance CreateBus(IBusRegistrationContext context, IEnumerable<IBusInstanceSpecification> specifications, string busName)
    {
        var configurator = new PubSubBusFactoryConfigurator(bus);
        // Plain JSON bodies, headers as attributes: what any Pub/Sub client in any language can read and write. The
        // send transport writes MessageId, the message types, the addresses and the other ids as attributes from the send
        // context itself, so the serializer does not add them as headers first (AddTransportHeaders) only to be copied.
        configurator.UseRawJsonSerializer(RawSerializerOptions.CopyHeaders, isDefault: true);
        configure?.Invoke(context, configurator);
        if (configurator.Options is null)
            throw new ConfigurationException("The Pub/Sub transport needs cfg.Host(...) with at least a project id.");
        return CreateBus(configurator, context, (Action<IBusRegistrationContext, IPubSubBusFactoryConfigurator>?)null, specifications);
    }
}
