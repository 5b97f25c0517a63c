using AiProd.Transport.PubSub.Transport;
using MassTransit;

namespace AiProd.Transport.PubSub.Topology;

/// <summary>Before the bus endpoint starts (and so before the bus is ready), creates the declared publish topics.</summary>
internal sealed class PubSubPublishTopicsFilter(IReadOnlyList<PubSubTopicInfo> topics) : IFilter<PubSubClientContext>
{
    public void Probe(ProbeContext context) => context.CreateFilterScope("pubsubPublishTopics");

    public async Task Send(PubSubClientContext context, IPipe<PubSubClientContext> next)
    {
        foreach (var topic in topics)
            await context.Entities.Client.EnsureTopicAsync(topic.TopicId, context.CancellationToken).ConfigureAwait(false);
        await next.Send(context).ConfigureAwait(false);
    }
}
