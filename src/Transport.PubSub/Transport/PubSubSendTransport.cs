using AiProd.Transport.PubSub.Configuration;
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

            var outgoing = ToOutgoingMessage(context);
            await batcher.PublishAsync(outgoing, context.CancellationToken).ConfigureAwait(false);
            foreach (var topic in alsoToTopics)
            {
                if (await host.Entities.TopicExistsAsync(topic, context.CancellationToken).ConfigureAwait(false))
                    await host.Entities.Topic(topic).PublishAsync(outgoing, context.CancellationToken).ConfigureAwait(false);
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

    // Written from the context below rather than copied from the headers: the transport sets what MassTransit's raw
    // JSON serializer would add as headers (AddTransportHeaders, which the bus therefore leaves off), once, as text.
    private static readonly string[] FromContext =
    [
        MessageHeaders.ContentType, MessageHeaders.MessageId, MessageHeaders.CorrelationId, MessageHeaders.ConversationId,
        MessageHeaders.RequestId, MessageHeaders.InitiatorId, MessageHeaders.MessageType, MessageHeaders.ResponseAddress,
        MessageHeaders.FaultAddress, MessageHeaders.SourceAddress,
    ];

    private OutgoingMessage ToOutgoingMessage<T>(PubSubMessageSendContext<T> context)
        where T : class
    {
        // The serializer's array is the message's own and never changes, so it is written into the Publish call as it is.
        var body = context.Body.GetBytes();
        var attributes = new List<KeyValuePair<string, string>>(16);
        PubSubAttributes.AddHeaders(attributes, context.Headers, FromContext);
        PubSubAttributes.Add(attributes, MessageHeaders.ContentType, context.ContentType?.MediaType);
        PubSubAttributes.Add(attributes, MessageHeaders.MessageId, context.MessageId);
        PubSubAttributes.Add(attributes, MessageHeaders.CorrelationId, context.CorrelationId);
        PubSubAttributes.Add(attributes, MessageHeaders.ConversationId, context.ConversationId);
        PubSubAttributes.Add(attributes, MessageHeaders.RequestId, context.RequestId);
        PubSubAttributes.Add(attributes, MessageHeaders.InitiatorId, context.InitiatorId);
        PubSubAttributes.Add(attributes, MessageHeaders.MessageType, MessageTypeAttribute<T>.Value);
        PubSubAttributes.Add(attributes, MessageHeaders.ResponseAddress, context.ResponseAddress);
        PubSubAttributes.Add(attributes, MessageHeaders.FaultAddress, context.FaultAddress);
        PubSubAttributes.Add(attributes, MessageHeaders.SourceAddress, context.SourceAddress);
        if (context.Delay is { } delay && delay > TimeSpan.Zero)
            PubSubAttributes.Replace(attributes, PubSubAttributes.NotBefore, (DateTimeOffset.UtcNow + delay).ToUnixTimeMilliseconds());
        return new OutgoingMessage(body, PubSubAttributes.WithinLimits(attributes), OrderingKey(context));
    }

    private string OrderingKey<T>(PubSubMessageSendContext<T> context)
        where T : class
    {
        if (!string.IsNullOrEmpty(context.PartitionKey))
            return PubSubAttributes.Truncate(context.PartitionKey, 1024);
        return host.Options.OrderByCorrelationId && context.CorrelationId is { } correlationId ? correlationId.ToString("D") : string.Empty;
    }
}

/// <summary>A type's <c>MT-MessageType</c> attribute (its message URNs, <c>;</c>-separated), made once per type.</summary>
internal static class MessageTypeAttribute<T>
    where T : class
{
    public static readonly string Value = string.Join(";", MessageTypeCache<T>.MessageTypeNames);
}
