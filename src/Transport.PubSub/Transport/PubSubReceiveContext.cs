using AiProd.Transport.PubSub.V1;
using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// A received Pub/Sub message as MassTransit sees it: the data is the body, the attributes are the headers. A message
/// without a message-type attribute (a plain JSON message from any Pub/Sub client) gets the type its topic carries, so
/// only that type's consumers receive it.
/// </summary>
internal sealed class PubSubReceiveContext : BaseReceiveContext
{
    public PubSubReceiveContext(ReceivedMessage received, string? topicMessageType, ReceiveEndpointContext context, ReceiveLockContext lockContext)
        : base(received.DeliveryAttempt > 1, context, lockContext, received)
    {
        Received = received;
        Body = new BytesMessageBody(BodyBytes(received.Message.Data));
        var attributes = received.Message.Attributes;
        var headers = new Dictionary<string, object>(attributes.Count + 2, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in attributes)
            headers[key] = value;
        if (topicMessageType is not null && !headers.ContainsKey(MessageHeaders.MessageType))
            headers[MessageHeaders.MessageType] = topicMessageType;
        headers[MessageHeaders.TransportMessageId] = received.Message.MessageId;
        HeaderProvider = new DictionaryHeaderProvider(headers);
    }

    public ReceivedMessage Received { get; }

    /// <summary>
    /// The data's own array when the ByteString wraps a whole one (as parsed from the wire: nothing else holds or
    /// changes it), else a copy: the serializer reads the body as an array, and a 256-byte copy a message adds up.
    /// </summary>
    private static byte[] BodyBytes(Google.Protobuf.ByteString data) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data.Memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToByteArray();

    public override MessageBody Body { get; }

    protected override IHeaderProvider HeaderProvider { get; }
}
