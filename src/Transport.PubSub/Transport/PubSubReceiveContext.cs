using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// A received Pub/Sub message as MassTransit sees it: the data is the body, the attributes are the headers (read in
/// place by <see cref="PubSubHeaderProvider"/>). A message without a message-type attribute (a plain JSON message from
/// any Pub/Sub client) gets the type its topic carries, so only that type's consumers receive it.
/// </summary>
internal sealed class PubSubReceiveContext(ReceivedPubSubMessage received, string? topicMessageType, ReceiveEndpointContext context, ReceiveLockContext lockContext)
    : BaseReceiveContext(received.DeliveryAttempt > 1, context, lockContext, received)
{
    public ReceivedPubSubMessage Received { get; } = received;

    /// <summary>The data's own array, read from the wire for this message alone: nothing else holds or changes it.</summary>
    public override MessageBody Body { get; } = new BytesMessageBody(received.Data);

    protected override IHeaderProvider HeaderProvider { get; } = new PubSubHeaderProvider(received, topicMessageType);
}
