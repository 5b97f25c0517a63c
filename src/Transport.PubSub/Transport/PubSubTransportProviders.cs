using AiProd.Transport.PubSub.Configuration;
using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>Send: an endpoint address is that endpoint's topic (created with its subscription); a topic address is just the topic.</summary>
internal sealed class PubSubSendTransportProvider(IPubSubHostConfiguration host, ReceiveEndpointContext context) : ISendTransportProvider
{
    public Uri NormalizeAddress(Uri address) => PubSubEndpointAddress.Parse(host.HostAddress, address).ToUri();

    public Task<ISendTransport> GetSendTransport(Uri address)
    {
        var target = PubSubEndpointAddress.Parse(host.HostAddress, address);
        var batcher = target.IsTopic ? host.Entities.Topic(target.Name) : host.Entities.Endpoint(target.Name);
        return Task.FromResult<ISendTransport>(new PubSubSendTransport(host, context, batcher, []));
    }
}

/// <summary>
/// Publish: the message type's topic, plus the topics of the other types it implements that exist (a consumer created
/// them). That gives the polymorphic delivery other MassTransit transports have, e.g. a consumer of
/// <c>Fault&lt;IBase&gt;</c> receives <c>Fault&lt;Derived&gt;</c>. Existence is checked once per 30 s per type.
/// </summary>
internal sealed class PubSubPublishTransportProvider(IPubSubHostConfiguration host, ReceiveEndpointContext context) : IPublishTransportProvider
{
    public Task<ISendTransport> GetPublishTransport<T>(Uri? publishAddress)
        where T : class
    {
        var name = publishAddress is null
            ? PubSubNames.ForMessageType(typeof(T))
            : PubSubEndpointAddress.Parse(host.HostAddress, publishAddress).Name;
        var alsoTo = MessageTypeCache<T>.MessageTypes
            .Where(t => t != typeof(T) && t.IsInterface)
            .Select(t => host.Topology.PublishTopology.TryGetPublishAddress(t, host.HostAddress, out var a) && a is not null ? PubSubEndpointAddress.Parse(host.HostAddress, a).Name : null)
            .OfType<string>()
            .Where(n => n != name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<ISendTransport>(new PubSubSendTransport(host, context, host.Entities.Topic(name), alsoTo));
    }
}
