using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Runs a receive endpoint each time its transport starts: works out its subscriptions (its own topic, plus one per
/// consumed message type), starts the receiver, reports ready, waits for it to end, and removes a temporary endpoint's
/// topic and subscriptions.
/// </summary>
internal sealed class PubSubConsumerFilter(PubSubReceiveEndpointContext context) : IFilter<PubSubClientContext>
{
    private static readonly TimeSpan TemporaryExpiry = TimeSpan.FromDays(1);

    public void Probe(ProbeContext probe) => probe.CreateFilterScope("pubsubConsumer");

    public async Task Send(PubSubClientContext client, IPipe<PubSubClientContext> next)
    {
        var subscriptions = Subscriptions(client.Entities);
        var receiver = new PubSubMessageReceiver(context, client.Entities.Client, subscriptions);
        await receiver.Ready.ConfigureAwait(false);
        context.AddConsumeAgent(receiver);
        await context.TransportObservers.NotifyReady(context.InputAddress).ConfigureAwait(false);
        try
        {
            await receiver.Completed.ConfigureAwait(false);
            if (receiver.Fault is { } fault)
                throw context.ConvertException(fault, $"Receiving on {context.InputAddress} failed; restarting: ");
        }
        finally
        {
            DeliveryMetrics metrics = receiver;
            await context.TransportObservers.NotifyCompleted(context.InputAddress, metrics).ConfigureAwait(false);
            context.LogConsumerCompleted(metrics.DeliveryCount, metrics.ConcurrentDeliveryCount);
            if (context.Settings.Temporary)
            {
                foreach (var s in subscriptions)
                    await client.Entities.Client.DeleteAsync(s.SubscriptionId, s.MessageType is null ? s.TopicId : null, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private List<EndpointSubscription> Subscriptions(PubSubEntities entities)
    {
        var settings = context.Settings;
        var subscriptionSettings = new SubscriptionSettings(settings.Ordered, settings.Temporary ? TemporaryExpiry : null);
        var own = entities.Id(settings.Name);
        var list = new List<EndpointSubscription> { new(own, own, null, subscriptionSettings) };
        foreach (var type in context.SubscribedMessageTypes)
        {
            if (!context.Host.Topology.PublishTopology.TryGetPublishAddress(type, context.Host.HostAddress, out var address) || address is null)
                continue;
            var topic = PubSubEndpointAddress.Parse(context.Host.HostAddress, address).Name;
            list.Add(new EndpointSubscription(entities.Id(PubSubNames.Subscription(settings.Name, topic)), entities.Id(topic),
                MessageUrn.ForTypeString(type), subscriptionSettings));
        }

        return list;
    }
}
