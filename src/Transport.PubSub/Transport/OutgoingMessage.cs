using System.Text;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// A message on its way to a Publish call: body, attributes (already within Pub/Sub's limits) and ordering key,
/// with its size as a <c>google.pubsub.v1.PubsubMessage</c> on the wire worked out once. It is written straight into
/// the call's buffer by <see cref="PublishWire"/>: no protobuf message object, no attribute map, no second size pass.
/// </summary>
internal sealed class OutgoingMessage
{
    private readonly int[] _attributeBytes;

    public OutgoingMessage(ReadOnlyMemory<byte> data, IReadOnlyList<KeyValuePair<string, string>> attributes, string orderingKey)
    {
        Data = data;
        Attributes = attributes;
        OrderingKey = orderingKey;
        OrderingKeyBytes = Encoding.UTF8.GetByteCount(orderingKey);
        _attributeBytes = new int[attributes.Count * 2];
        var size = data.Length > 0 ? 1 + PublishWire.LengthDelimited(data.Length) : 0;
        for (var i = 0; i < attributes.Count; i++)
        {
            var key = _attributeBytes[2 * i] = Encoding.UTF8.GetByteCount(attributes[i].Key);
            var value = _attributeBytes[2 * i + 1] = Encoding.UTF8.GetByteCount(attributes[i].Value);
            size += 1 + PublishWire.LengthDelimited(PublishWire.MapEntrySize(key, value));
        }

        if (OrderingKeyBytes > 0)
            size += 1 + PublishWire.LengthDelimited(OrderingKeyBytes);
        Size = size;
    }

    public ReadOnlyMemory<byte> Data { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; }

    public string OrderingKey { get; }

    /// <summary>The encoded size of the PubsubMessage, what <c>CalculateSize()</c> of the generated type returns.</summary>
    public int Size { get; }

    internal int OrderingKeyBytes { get; }

    internal int KeyBytes(int index) => _attributeBytes[2 * index];

    internal int ValueBytes(int index) => _attributeBytes[2 * index + 1];
}
