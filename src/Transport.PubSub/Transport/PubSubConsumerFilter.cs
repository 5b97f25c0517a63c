using AiProd.Transport.PubSub.Topology;
using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Runs a receive endpoint each time its transport starts: takes its subscriptions (its own topic, plus one per
/// consumed message type) from the endpoint's topology, starts the receiver, reports ready, waits for it to end, and
/// removes a temporary endpoint's topic and subscriptions.
/// </summary>
internal sealed class PubSubConsumerFilter(PubSubReceiveEndpointContext context) : IFilter<PubSubClientContext>
{
    public void Probe(ProbeContext probe) => probe.CreateFilterScope("pubsubConsumer");

    public async Task Send(PubSubClientContext client, IPipe<PubSubClientContext> next)
    {
        var subscriptions = PubSubTopologyDescriber.Pulled(context.EndpointTopology);
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
}
