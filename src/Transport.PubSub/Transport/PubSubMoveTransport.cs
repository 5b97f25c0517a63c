using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Moves a message, body and attributes unchanged, to another endpoint's topic (created with its same-named
/// subscription, so moved messages are kept for inspection or replay). MassTransit acks the original afterwards.
/// </summary>
internal abstract class PubSubMoveTransport(PubSubEntities entities, string destination)
{
    protected async Task Move(ReceiveContext context, Action<Dictionary<string, string>> addHeaders)
    {
        if (!context.TryGetPayload(out ReceivedPubSubMessage? received))
            throw new ArgumentException("The ReceiveContext must carry the Pub/Sub message.", nameof(context));
        var attributes = new Dictionary<string, string>(received.Attributes, StringComparer.Ordinal);
        attributes.Remove(PubSubAttributes.NotBefore);
        addHeaders(attributes);
        var message = new OutgoingMessage(received.Data, [.. PubSubAttributes.Limit(attributes)], received.OrderingKey);
        await entities.Endpoint(destination).PublishAsync(message, context.CancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A message whose consumer faulted (after retries) goes to <c>{endpoint}_error</c> with the fault headers.</summary>
internal sealed class PubSubErrorTransport(PubSubEntities entities, string destination) : PubSubMoveTransport(entities, destination), IErrorTransport
{
    public Task Send(ExceptionReceiveContext context) =>
        Move(context, attributes => PubSubAttributes.Copy(attributes, context.ExceptionHeaders));
}

/// <summary>A message no consumer on the endpoint took goes to <c>{endpoint}_skipped</c> with the reason.</summary>
internal sealed class PubSubDeadLetterTransport(PubSubEntities entities, string destination) : PubSubMoveTransport(entities, destination), IDeadLetterTransport
{
    public Task Send(ReceiveContext context, string reason) =>
        Move(context, attributes => PubSubAttributes.Set(attributes, MessageHeaders.Reason, string.IsNullOrEmpty(reason) ? "Unspecified" : reason));
}
