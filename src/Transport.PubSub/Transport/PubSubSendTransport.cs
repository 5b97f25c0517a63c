using AiProd.Transport.PubSub.Configuration;
using AiProd.Transport.PubSub.V1;
using Google.Protobuf;
using MassTransit;
using MassTransit.Logging;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Sends or publishes to one topic: serializes, maps headers to attributes (within Pub/Sub's limits), sets the ordering
/// key and the not-before time of a delayed send, and hands the message to the topic's batcher (and, for a publish,
/// to the existing topics of the interfaces the type implements).
/// </summary>
internal sealed class PubSubSendTransport(IPubSubHostConfiguration host, ReceiveEndpointContext endpoint, PublishBatcher batcher, IReadOnlyList<string> alsoToTopics)
    : BaseSendTransportContext(host, endpoint.Serialization), ISendTransport
{
    public override string EntityName => batcher.TopicId;

    public override string ActivitySystem => "gcp_pubsub";

    public override async Task<SendContext<T>> CreateSendContext<T>(T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
    {
        var context = new PubSubMessageSendContext<T>(message, cancellationToken);
        await pipe.Send(context).ConfigureAwait(false);
        return context;
    }

    public async Task Send<T>(T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        var context = (PubSubMessageSendContext<T>)await CreateSendContext(message, pipe, cancellationToken).ConfigureAwait(false);
        var activity = LogContext.StartSendActivity(this, context);
        var instrument = LogContext.StartSendInstrument(this, context);
        try
        {
            if (SendObservers.Count > 0)
                await SendObservers.PreSend(context).ConfigureAwait(false);

            var pubsubMessage = ToPubsubMessage(context);
            await batcher.PublishAsync(pubsubMessage, context.CancellationToken).ConfigureAwait(false);
            foreach (var topic in alsoToTopics)
            {
                if (await host.Entities.TopicExistsAsync(topic, context.CancellationToken).ConfigureAwait(false))
                    await host.Entities.Topic(topic).PublishAsync(pubsubMessage, context.CancellationToken).ConfigureAwait(false);
            }

            activity?.Update(context);
            context.LogSent();
            if (SendObservers.Count > 0)
                await SendObservers.PostSend(context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity?.AddExceptionEvent(e);
            instrument?.AddException(e);
            context.LogFaulted(e);
            if (SendObservers.Count > 0)
                await SendObservers.SendFault(context, e).ConfigureAwait(false);
            throw;
        }
        finally
        {
            activity?.Stop();
            instrument?.Stop();
        }
    }

    private PubsubMessage ToPubsubMessage<T>(PubSubMessageSendContext<T> context)
        where T : class
    {
        // The body first: the raw JSON serializer writes MessageId, the response address and the message types into
        // the headers while it builds the body. The serializer's array is the message's own and never changes, so the
        // protobuf message wraps it rather than copying it.
        var message = new PubsubMessage { Data = UnsafeByteOperations.UnsafeWrap(context.Body.GetBytes()) };
        // Straight into the message's map: no intermediate dictionary, no copy, unless a limit has to be applied.
        var attributes = message.Attributes;
        PubSubAttributes.SetHeaders(attributes, context.Headers);
        PubSubAttributes.Set(attributes, MessageHeaders.ContentType, context.ContentType?.MediaType);
        PubSubAttributes.Set(attributes, MessageHeaders.MessageId, context.MessageId);
        PubSubAttributes.Set(attributes, MessageHeaders.CorrelationId, context.CorrelationId);
        if (context.Delay is { } delay && delay > TimeSpan.Zero)
            PubSubAttributes.Set(attributes, PubSubAttributes.NotBefore, (DateTimeOffset.UtcNow + delay).ToUnixTimeMilliseconds());
        PubSubAttributes.ApplyLimits(attributes);
        message.OrderingKey = OrderingKey(context);
        return message;
    }

    private string OrderingKey<T>(PubSubMessageSendContext<T> context)
        where T : class
    {
        if (!string.IsNullOrEmpty(context.PartitionKey))
            return PubSubAttributes.Truncate(context.PartitionKey, 1024);
        return host.Options.OrderByCorrelationId && context.CorrelationId is { } correlationId ? correlationId.ToString("D") : string.Empty;
    }
}
