using System.Text;
using AiProd.Transport.PubSub.V1;
using Google.Protobuf;
using Grpc.Core;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>One Publish call's request: the topic's full path and the batch's messages.</summary>
internal sealed record PublishBatchRequest(string Topic, IReadOnlyList<OutgoingMessage> Messages);

/// <summary>
/// The Publish RPC with a request marshaller of our own: it writes the <c>google.pubsub.v1.PublishRequest</c> wire
/// format (the same bytes the generated type would produce: topic = 1, messages = 2; per message data = 1, attributes
/// = 2 as map entries key = 1 / value = 2, ordering_key = 5) from <see cref="OutgoingMessage"/>s straight into the
/// call's buffer. The response is parsed by the generated <see cref="PublishResponse"/>.
/// </summary>
internal static class PublishWire
{
    public static readonly Method<PublishBatchRequest, PublishResponse> Publish = new(
        MethodType.Unary,
        "google.pubsub.v1.Publisher",
        "Publish",
        new Marshaller<PublishBatchRequest>(Serialize, _ => throw new NotSupportedException("Publish requests are only written.")),
        new Marshaller<PublishResponse>((response, context) => context.Complete(response.ToByteArray()),
            context => PublishResponse.Parser.ParseFrom(context.PayloadAsReadOnlySequence())));

    private const byte TopicTag = (1 << 3) | 2;
    private const byte MessagesTag = (2 << 3) | 2;
    private const byte DataTag = (1 << 3) | 2;
    private const byte AttributesTag = (2 << 3) | 2;
    private const byte OrderingKeyTag = (5 << 3) | 2;
    private const byte EntryKeyTag = (1 << 3) | 2;
    private const byte EntryValueTag = (2 << 3) | 2;

    /// <summary>The encoded size of the request.</summary>
    public static int Size(PublishBatchRequest request)
    {
        var size = 1 + LengthDelimited(Encoding.UTF8.GetByteCount(request.Topic));
        foreach (var message in request.Messages)
            size += 1 + LengthDelimited(message.Size);
        return size;
    }

    /// <summary>Writes the request into <paramref name="destination"/>, which holds at least <see cref="Size"/> bytes; returns the bytes written.</summary>
    public static int Write(PublishBatchRequest request, Span<byte> destination)
    {
        var at = 0;
        destination[at++] = TopicTag;
        at = WriteString(destination, at, request.Topic, Encoding.UTF8.GetByteCount(request.Topic));
        foreach (var message in request.Messages)
        {
            destination[at++] = MessagesTag;
            at = WriteVarint(destination, at, (uint)message.Size);
            at = WriteMessage(destination, at, message);
        }

        return at;
    }

    internal static int LengthDelimited(int length) => VarintSize((uint)length) + length;

    internal static int MapEntrySize(int keyBytes, int valueBytes) => 1 + LengthDelimited(keyBytes) + 1 + LengthDelimited(valueBytes);

    private static void Serialize(PublishBatchRequest request, SerializationContext context)
    {
        var size = Size(request);
        context.SetPayloadLength(size);
        var writer = context.GetBufferWriter();
        var written = Write(request, writer.GetSpan(size));
        writer.Advance(written);
        context.Complete();
    }

    private static int WriteMessage(Span<byte> destination, int at, OutgoingMessage message)
    {
        var start = at;
        if (message.Data.Length > 0)
        {
            destination[at++] = DataTag;
            at = WriteVarint(destination, at, (uint)message.Data.Length);
            message.Data.Span.CopyTo(destination[at..]);
            at += message.Data.Length;
        }

        for (var i = 0; i < message.Attributes.Count; i++)
        {
            var (key, value) = message.Attributes[i];
            int keyBytes = message.KeyBytes(i), valueBytes = message.ValueBytes(i);
            destination[at++] = AttributesTag;
            at = WriteVarint(destination, at, (uint)MapEntrySize(keyBytes, valueBytes));
            destination[at++] = EntryKeyTag;
            at = WriteString(destination, at, key, keyBytes);
            destination[at++] = EntryValueTag;
            at = WriteString(destination, at, value, valueBytes);
        }

        if (message.OrderingKeyBytes > 0)
        {
            destination[at++] = OrderingKeyTag;
            at = WriteString(destination, at, message.OrderingKey, message.OrderingKeyBytes);
        }

        if (at - start != message.Size)
            throw new InvalidOperationException($"A Pub/Sub message was {at - start} bytes on the wire, not the {message.Size} its size said.");
        return at;
    }

    private static int WriteString(Span<byte> destination, int at, string value, int bytes)
    {
        at = WriteVarint(destination, at, (uint)bytes);
        return at + Encoding.UTF8.GetBytes(value, destination[at..]);
    }

    private static int WriteVarint(Span<byte> destination, int at, uint value)
    {
        while (value >= 0x80)
        {
            destination[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[at++] = (byte)value;
        return at;
    }

    private static int VarintSize(uint value) => value < 1u << 7 ? 1 : value < 1u << 14 ? 2 : value < 1u << 21 ? 3 : value < 1u << 28 ? 4 : 5;
}
