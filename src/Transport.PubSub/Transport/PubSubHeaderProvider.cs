using System.Diagnostics.CodeAnalysis;
using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// A received message's headers, read in place from its attributes (no second dictionary a message): keys match
/// ignoring case, and of two attributes that differ only in case the later value counts under the first key, as in a
/// case-insensitive dictionary filled in wire order (what the transport built before). <c>MessageType</c> falls back to the type the topic carries (a message from a
/// client that does not set it) and the transport message id is the Pub/Sub message id.
/// </summary>
internal sealed class PubSubHeaderProvider(ReceivedPubSubMessage message, string? topicMessageType) : IHeaderProvider
{
    public IEnumerable<KeyValuePair<string, object>> GetAll()
    {
        var attributes = message.Attributes;
        var typed = false;
        for (var i = 0; i < attributes.Count; i++)
        {
            var key = attributes[i].Key;
            if (Is(key, MessageHeaders.TransportMessageId) || EarlierHas(attributes, i))
                continue;
            typed |= Is(key, MessageHeaders.MessageType);
            yield return new KeyValuePair<string, object>(key, LastValue(attributes, key));
        }

        if (!typed && topicMessageType is not null)
            yield return new KeyValuePair<string, object>(MessageHeaders.MessageType, topicMessageType);
        yield return new KeyValuePair<string, object>(MessageHeaders.TransportMessageId, message.MessageId);
    }

    public bool TryGetHeader(string key, [NotNullWhen(true)] out object? value)
    {
        if (Is(key, MessageHeaders.TransportMessageId))
        {
            value = message.MessageId;
            return true;
        }

        var attributes = message.Attributes;
        for (var i = attributes.Count - 1; i >= 0; i--)
        {
            if (Is(attributes[i].Key, key))
            {
                value = attributes[i].Value;
                return true;
            }
        }

        if (topicMessageType is not null && Is(key, MessageHeaders.MessageType))
        {
            value = topicMessageType;
            return true;
        }

        value = null;
        return false;
    }

    private static bool EarlierHas(IReadOnlyList<KeyValuePair<string, string>> attributes, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (Is(attributes[j].Key, attributes[index].Key))
                return true;
        }

        return false;
    }

    private static string LastValue(IReadOnlyList<KeyValuePair<string, string>> attributes, string key)
    {
        for (var j = attributes.Count - 1; ; j--)
        {
            if (Is(attributes[j].Key, key))
                return attributes[j].Value;
        }
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
