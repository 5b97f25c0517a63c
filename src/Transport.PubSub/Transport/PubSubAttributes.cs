using System.Text;
using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// MassTransit headers as Pub/Sub attributes, within the service's limits: at most 100 attributes, keys at most
/// 256 bytes, values at most 1024 bytes (cut on a UTF-8 character boundary), no "goog" keys, no empty values.
/// The emulator does not enforce these; the real service rejects the whole publish, so they are enforced here.
/// </summary>
internal static class PubSubAttributes
{
    public const int MaxAttributes = 100;
    public const int MaxKeyBytes = 256;
    public const int MaxValueBytes = 1024;

    /// <summary>When the message may be delivered (Unix milliseconds): how a delayed send travels.</summary>
    public const string NotBefore = "pubsub-not-before";

    private static readonly TransportSetHeaderAdapter<string> Adapter = new(new StringConverter(), TransportHeaderOptions.IncludeFaultMessage | TransportHeaderOptions.IncludeFaultDetail);

    // Kept first when the 100 have to be chosen: what routing, deserializing and correlating need.
    private static readonly string[] Essential =
    [
        MessageHeaders.ContentType, MessageHeaders.MessageType, MessageHeaders.MessageId, MessageHeaders.CorrelationId,
        MessageHeaders.ConversationId, MessageHeaders.RequestId, MessageHeaders.ResponseAddress, MessageHeaders.FaultAddress,
        MessageHeaders.SourceAddress, MessageHeaders.InitiatorId, NotBefore,
    ];

    /// <summary>The keys this transport writes on (nearly) every message: a reader can keep them as strings once.</summary>
    public static IReadOnlyList<string> KnownKeys => Essential;

    public static Dictionary<string, string> FromHeaders(SendHeaders headers)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        Adapter.Set(attributes, headers);
        return attributes;
    }

    /// <summary>
    /// A send context's headers as attributes, appended to <paramref name="attributes"/>, by the rules of MassTransit's
    /// <c>TransportSetHeaderAdapter</c> with this transport's options: <c>MT-Host-*</c> left out, fault headers kept,
    /// values as text, empty ones dropped. Keys in <paramref name="skip"/> are left for the caller to set from the context.
    /// The headers come from one dictionary, so every key is there once: a list, no map and no lookups.
    /// </summary>
    public static void AddHeaders(List<KeyValuePair<string, string>> attributes, SendHeaders headers, ReadOnlySpan<string> skip)
    {
        foreach (var header in headers.GetAll())
        {
            if (header.Value is null || header.Key.StartsWith("MT-Host-", StringComparison.Ordinal) || skip.Contains(header.Key))
                continue;
            if (Text(header.Value) is { Length: > 0 } text)
                attributes.Add(new KeyValuePair<string, string>(header.Key, text));
        }
    }

    /// <summary>Appends the attribute unless its value is null or empty as text.</summary>
    public static void Add(List<KeyValuePair<string, string>> attributes, string key, object? value)
    {
        if (Text(value) is { Length: > 0 } text)
            attributes.Add(new KeyValuePair<string, string>(key, text));
    }

    /// <summary>Sets the attribute, replacing one of the same key.</summary>
    public static void Replace(List<KeyValuePair<string, string>> attributes, string key, object? value)
    {
        var index = attributes.FindIndex(a => string.Equals(a.Key, key, StringComparison.Ordinal));
        if (index >= 0)
            attributes.RemoveAt(index);
        Add(attributes, key, value);
    }

    public static void Set(IDictionary<string, string> attributes, string key, object? value) =>
        Adapter.Set(attributes, new HeaderValue(key, value!));

    public static void Copy(IDictionary<string, string> attributes, Headers headers)
    {
        foreach (var header in headers.GetAll())
            Adapter.Set(attributes, new HeaderValue(header.Key, header.Value));
    }

    /// <summary>Applies the limits: drops "goog" keys and empty values, truncates, keeps the essential ones when over 100.</summary>
    public static Dictionary<string, string> Limit(IReadOnlyDictionary<string, string> attributes)
    {
        // The usual case, every message: nothing to drop or cut, so no sorting and no copying.
        if (attributes is Dictionary<string, string> dictionary && attributes.Count <= MaxAttributes && attributes.All(WithinLimits))
            return dictionary;

        var kept = attributes
            .Where(a => a.Value.Length > 0 && !a.Key.StartsWith("goog", StringComparison.OrdinalIgnoreCase))
            .Select(a => new KeyValuePair<string, string>(Truncate(a.Key, MaxKeyBytes), Truncate(a.Value, MaxValueBytes)))
            .DistinctBy(a => a.Key, StringComparer.Ordinal)
            .OrderBy(a => Array.IndexOf(Essential, a.Key) is var i && i >= 0 ? i : Essential.Length)
            .Take(MaxAttributes)
            .ToDictionary(StringComparer.Ordinal);
        return kept;
    }

    /// <summary>The attributes within the limits (see <see cref="Limit"/>); the usual message is within them and is returned as it is.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> WithinLimits(List<KeyValuePair<string, string>> attributes)
    {
        if (attributes.Count <= MaxAttributes && attributes.TrueForAll(WithinLimits))
            return attributes;
        return [.. Limit(attributes.ToDictionary(StringComparer.Ordinal))];
    }

    private static bool WithinLimits(KeyValuePair<string, string> a) =>
        a.Value.Length > 0 && !a.Key.StartsWith("goog", StringComparison.OrdinalIgnoreCase)
        && Fits(a.Key, MaxKeyBytes) && Fits(a.Value, MaxValueBytes);

    // Three bytes a UTF-16 unit at most, so short strings need no counting.
    private static bool Fits(string text, int maxBytes) => text.Length * 3 <= maxBytes || Encoding.UTF8.GetByteCount(text) <= maxBytes;

    /// <summary>The longest prefix of <paramref name="value"/> whose UTF-8 encoding fits <paramref name="maxBytes"/>, never splitting a character.</summary>
    public static string Truncate(string value, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(value) <= maxBytes)
            return value;
        var bytes = 0;
        var length = 0;
        while (length < value.Length)
        {
            var width = char.IsHighSurrogate(value[length]) && length + 1 < value.Length && char.IsLowSurrogate(value[length + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(value.AsSpan(length, width));
            if (bytes + size > maxBytes)
                break;
            bytes += size;
            length += width;
        }

        return value[..length];
    }

    /// <summary>A header value as attribute text: invariant, ISO 8601 for times.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        Uri u => u.ToString(),
        DateTime d => d.ToString("O"),
        DateTimeOffset d => d.ToString("O"),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString(),
    };

    private sealed class StringConverter : IHeaderValueConverter<string>
    {
        public bool TryConvert(HeaderValue headerValue, out HeaderValue<string> result) => Convert(headerValue.Key, headerValue.Value, out result);

        public bool TryConvert<T>(HeaderValue<T> headerValue, out HeaderValue<string> result) => Convert(headerValue.Key, headerValue.Value, out result);

        private static bool Convert(string key, object? value, out HeaderValue<string> result)
        {
            var text = Text(value);
            result = new HeaderValue<string>(key, text!);
            return !string.IsNullOrEmpty(text);
        }
    }
}
