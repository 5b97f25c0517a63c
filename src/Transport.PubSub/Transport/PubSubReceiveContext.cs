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
        Body = new BytesMessageBody(received.Message.Data.ToByteArray());
        var headers = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in received.Message.Attributes)
            headers[key] = value;
        if (topicMessageType is not null && !headers.ContainsKey(MessageHeaders.MessageType))
            headers[MessageHeaders.MessageType] = topicMessageType;
        headers[MessageHeaders.TransportMessageId] = received.Message.MessageId;
        HeaderProvider = new DictionaryHeaderProvider(headers);
    }

    public ReceivedMessage Received { get; }

    public override MessageBody Body { get; }

    protected override IHeaderProvider HeaderProvider { get; }
}
