using System.Collections.Concurrent;
using AiProd.Transport.PubSub.V1;
using Grpc.Core;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// The bus's view of Pub/Sub entities: one batcher per topic, the ids with the environment prefix, and which local
/// endpoints want ordered subscriptions (so a sender in this process creates them the same way the consumer would).
/// </summary>
internal sealed class PubSubEntities(PubSubClient client) : IAsyncDisposable
{
    private static readonly TimeSpan ExistenceCacheTime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, PublishBatcher> _batchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _orderedEndpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (bool Exists, DateTime CheckedAt)> _existing = new(StringComparer.Ordinal);

    public PubSubClient Client { get; } = client;

    public string Id(string name) => PubSubNames.WithPrefix(Client.Options.NamePrefix, name);

    public void RegisterEndpoint(string name, bool ordered) => _orderedEndpoints[name] = ordered;

    public SubscriptionSettings EndpointSettings(string name) =>
        _orderedEndpoints.TryGetValue(name, out var ordered) ? new SubscriptionSettings(ordered) : SubscriptionSettings.Unknown;

    /// <summary>The batcher for a bare topic (a published message type): only the topic is created.</summary>
    public PublishBatcher Topic(string name)
    {
        var topicId = Id(name);
        return _batchers.GetOrAdd(topicId, id => new PublishBatcher(Client, id, ct => Client.EnsureTopicAsync(id, ct)));
    }

    /// <summary>
    /// The batcher for a receive endpoint's topic: the endpoint's own subscription is created with it, so messages sent
    /// before the consumer first starts wait for it instead of being dropped by a topic without subscriptions.
    /// </summary>
    public PublishBatcher Endpoint(string name)
    {
        var topicId = Id(name);
        return _batchers.GetOrAdd(topicId, id => new PublishBatcher(Client, id, ct => Client.EnsureSubscriptionAsync(id, id, EndpointSettings(name), ct)));
    }

    /// <summary>Whether a topic exists (someone consumes that type); remembered for 30 s.</summary>
    public async Task<bool> TopicExistsAsync(string name, CancellationToken cancellationToken)
    {
        var topicId = Id(name);
        if (_existing.TryGetValue(topicId, out var known) && DateTime.UtcNow - known.CheckedAt < ExistenceCacheTime)
            return known.Exists;
        bool exists;
        try
        {
            await Client.Publisher.GetTopicAsync(new GetTopicRequest { Topic = Client.TopicPath(topicId) }, cancellationToken: cancellationToken).ConfigureAwait(false);
            exists = true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            exists = false;
        }

        _existing[topicId] = (exists, DateTime.UtcNow);
        return exists;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var batcher in _batchers.Values)
            await batcher.DisposeAsync().ConfigureAwait(false);
        await Client.DisposeAsync().ConfigureAwait(false);
    }
}
