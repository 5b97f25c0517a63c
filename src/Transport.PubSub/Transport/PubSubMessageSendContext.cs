using MassTransit;
using MassTransit.Context;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>A send context with a partition key, which becomes the Pub/Sub ordering key (<c>UsePartitionFormatter</c> sets it).</summary>
internal sealed class PubSubMessageSendContext<T>(T message, CancellationToken cancellationToken)
    : MessageSendContext<T>(message, cancellationToken), PartitionKeySendContext
    where T : class
{
    public string? PartitionKey { get; set; }

    public override void ReadPropertiesFrom(IReadOnlyDictionary<string, object> properties)
    {
        base.ReadPropertiesFrom(properties);
        PartitionKey = properties.TryGetValue(nameof(PartitionKey), out var key) ? key as string : null;
    }

    public override void WritePropertiesTo(IDictionary<string, object> properties)
    {
        base.WritePropertiesTo(properties);
        if (!string.IsNullOrEmpty(PartitionKey))
            properties[nameof(PartitionKey)] = PartitionKey;
    }
}
