using AiProd.Transport.PubSub.Transport;
using MassTransit;

namespace AiProd.Transport.PubSub;

/// <summary>
/// Creates a <see cref="PubSubTopology"/> on Pub/Sub: every topic, then every subscription, that does not exist yet.
/// Existing ones are left as they are (Pub/Sub cannot change a subscription's ordering or filter later). For an
/// operator command that creates a whole deployment's topology upfront, so the services can run with publisher and
/// subscriber roles only, and no message sent or published before a consumer first starts is dropped.
/// </summary>
public static class PubSubTopologyDeployer
{
    /// <summary>Creates what is missing of <paramref name="topology"/> in the project (and emulator) that <paramref name="options"/> name.</summary>
    public static async Task DeployAsync(PubSubTransportOptions options, PubSubTopology topology, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topology);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ConfigurationException($"The Pub/Sub transport options are invalid: {string.Join(" ", problems)}");
        if (!string.Equals(options.ProjectId, topology.ProjectId, StringComparison.Ordinal))
            throw new ArgumentException($"The topology belongs to project '{topology.ProjectId}', not '{options.ProjectId}'.", nameof(topology));
        await using var client = new PubSubClient(options);
        await DeployAsync(client, topology, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task DeployAsync(PubSubClient client, PubSubTopology topology, CancellationToken cancellationToken)
    {
        foreach (var topic in topology.Topics)
            await client.EnsureTopicAsync(topic.TopicId, cancellationToken).ConfigureAwait(false);
        foreach (var subscription in topology.Subscriptions)
        {
            await client.EnsureSubscriptionAsync(subscription.SubscriptionId, subscription.TopicId,
                new SubscriptionSettings(subscription.Ordered, subscription.ExpireAfterIdle), cancellationToken).ConfigureAwait(false);
        }
    }
}
