namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// A message as a StreamingPull delivered it (<c>google.pubsub.v1.ReceivedMessage</c> and its <c>PubsubMessage</c>),
/// read by <see cref="StreamingPullWire"/>: the body is its own array (the serializer reads an array), the attributes a
/// plain array in wire order with one entry a key (the last one when the wire repeats a key, as the generated map keeps).
/// It is the receive context's payload (<c>TryGetPayload</c>), and the header provider reads the attributes in place.
/// </summary>
internal sealed class ReceivedPubSubMessage(
    string ackId,
    byte[] data,
    KeyValuePair<string, string>[] attributes,
    string messageId,
    DateTimeOffset? publishTime,
    string orderingKey,
    int deliveryAttempt)
{
    public string AckId { get; } = ackId;

    public byte[] Data { get; } = data;

    /// <summary>The attributes in wire order, one a key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes => attributes;

    public string MessageId { get; } = messageId;

    /// <summary>When the server accepted the message; null when the wire carried none.</summary>
    public DateTimeOffset? PublishTime { get; } = publishTime;

    public string OrderingKey { get; } = orderingKey;

    /// <summary>The server's count of deliveries (only with a dead-letter policy; 0 otherwise).</summary>
    public int DeliveryAttempt { get; } = deliveryAttempt;

    /// <summary>The attribute of exactly this key (Pub/Sub keys are case-sensitive).</summary>
    public bool TryGetAttribute(string key, out string value)
    {
        foreach (var attribute in attributes)
        {
            if (string.Equals(attribute.Key, key, StringComparison.Ordinal))
            {
                value = attribute.Value;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }
}

/// <summary>One StreamingPull response as the transport uses it: its messages, and the subscription's ordering if it said.</summary>
internal sealed record StreamingPullBatch(IReadOnlyList<ReceivedPubSubMessage> Messages, bool? MessageOrderingEnabled);
