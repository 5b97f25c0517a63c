using System.Collections.Concurrent;
using System.Net.Mime;
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
    /// <summary>Content types parsed before, by their text: nearly every message says <c>application/json</c>.</summary>
    private static readonly ConcurrentDictionary<string, ContentType> ContentTypes = new(StringComparer.Ordinal);

    private const int MaxContentTypes = 32;

    private readonly ContentType _defaultContentType = context.Serialization.DefaultContentType;

    public ReceivedPubSubMessage Received { get; } = received;

    /// <summary>The data's own array, read from the wire for this message alone: nothing else holds or changes it.</summary>
    public override MessageBody Body { get; } = new BytesMessageBody(received.Data);

    protected override IHeaderProvider HeaderProvider { get; } = new PubSubHeaderProvider(received, topicMessageType);

    /// <summary>
    /// As MassTransit's own (the <c>Content-Type</c> or <c>ContentType</c> header, else the endpoint's default; text that
    /// does not parse counts as none), but each content type is parsed once, not once a message: MassTransit shares
    /// its own <see cref="ContentType"/> instances the same way.
    /// </summary>
    protected override ContentType GetContentType()
    {
        if ((HeaderProvider.TryGetHeader(MessageHeaders.ContentType, out var header) || HeaderProvider.TryGetHeader("ContentType", out header))
            && header is string text && Parse(text) is { } contentType)
            return contentType;
        return _defaultContentType;
    }

    internal static ContentType? Parse(string text)
    {
        if (ContentTypes.TryGetValue(text, out var known))
            return known;
        ContentType parsed;
        try
        {
            parsed = new ContentType(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // Not a content type (ArgumentException: empty), as if there were none.
            return null;
        }

        if (ContentTypes.Count < MaxContentTypes)
            ContentTypes.TryAdd(text, parsed);
        return parsed;
    }
}
