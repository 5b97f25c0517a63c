using System.Buffers;
using System.Text;
using AiProd.Transport.PubSub.V1;
using Google.Protobuf;
using Grpc.Core;
using MassTransit;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// The StreamingPull RPC with a response reader of our own: it reads the <c>google.pubsub.v1.StreamingPullResponse</c>
/// wire format straight into <see cref="ReceivedPubSubMessage"/>s (received_messages = 1: ack_id = 1, message = 2,
/// delivery_attempt = 3; per message data = 1, attributes = 2 as map entries key = 1 / value = 2, message_id = 3,
/// publish_time = 4, ordering_key = 5; subscription_properties = 4: message_ordering_enabled = 2) without the generated
/// message, its attribute map and its ByteString copies. Every other field (the ack and deadline confirmations, fields
/// added upstream later) is skipped as the generated parser keeps unknown fields: by its wire type. Requests are the
/// generated <see cref="StreamingPullRequest"/>.
/// </summary>
internal static class StreamingPullWire
{
    public static readonly Method<StreamingPullRequest, StreamingPullBatch> StreamingPull = new(
        MethodType.DuplexStreaming,
        "google.pubsub.v1.Subscriber",
        "StreamingPull",
        new Marshaller<StreamingPullRequest>(WriteRequest, context => StreamingPullRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence())),
        new Marshaller<StreamingPullBatch>((_, _) => throw new NotSupportedException("StreamingPull responses are only read."), ReadResponse));

    // Tags: field number << 3 | wire type (0 varint, 2 length-delimited).
    private const uint ReceivedMessagesTag = (1 << 3) | 2;
    private const uint SubscriptionPropertiesTag = (4 << 3) | 2;
    private const uint OrderingEnabledTag = (2 << 3) | 0;
    private const uint AckIdTag = (1 << 3) | 2;
    private const uint MessageTag = (2 << 3) | 2;
    private const uint DeliveryAttemptTag = (3 << 3) | 0;
    private const uint DataTag = (1 << 3) | 2;
    private const uint AttributesTag = (2 << 3) | 2;
    private const uint MessageIdTag = (3 << 3) | 2;
    private const uint PublishTimeTag = (4 << 3) | 2;
    private const uint OrderingKeyTag = (5 << 3) | 2;
    private const uint EntryKeyTag = (1 << 3) | 2;
    private const uint EntryValueTag = (2 << 3) | 2;
    private const uint SecondsTag = (1 << 3) | 0;
    private const uint NanosTag = (2 << 3) | 0;

    /// <summary>Reads one response; throws <see cref="InvalidDataException"/> on bytes that are not one.</summary>
    public static StreamingPullBatch Read(ReadOnlySpan<byte> response)
    {
        var count = 0;
        var scan = new WireReader(response);
        while (scan.More)
        {
            var tag = scan.ReadTag();
            if (tag == ReceivedMessagesTag)
                count++;
            scan.Skip(tag);
        }

        var messages = count == 0 ? [] : new ReceivedPubSubMessage[count];
        var next = 0;
        bool? ordered = null;
        var reader = new WireReader(response);
        while (reader.More)
        {
            var tag = reader.ReadTag();
            if (tag == ReceivedMessagesTag)
                messages[next++] = ReadReceivedMessage(reader.ReadLengthDelimited());
            else if (tag == SubscriptionPropertiesTag)
                ordered = ReadOrderingEnabled(reader.ReadLengthDelimited(), ordered ?? false);
            else
                reader.Skip(tag);
        }

        return new StreamingPullBatch(messages, ordered);
    }

    private static void WriteRequest(StreamingPullRequest request, SerializationContext context)
    {
        context.SetPayloadLength(request.CalculateSize());
        request.WriteTo(context.GetBufferWriter());
        context.Complete();
    }

    private static StreamingPullBatch ReadResponse(DeserializationContext context)
    {
        var payload = context.PayloadAsReadOnlySequence();
        if (payload.IsSingleSegment)
            return Read(payload.FirstSpan);
        var length = checked((int)payload.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(rented);
            return Read(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool ReadOrderingEnabled(ReadOnlySpan<byte> properties, bool ordered)
    {
        var reader = new WireReader(properties);
        while (reader.More)
        {
            var tag = reader.ReadTag();
            if (tag == OrderingEnabledTag)
                ordered = reader.ReadVarint() != 0;
            else
                reader.Skip(tag);
        }

        return ordered;
    }

    private static ReceivedPubSubMessage ReadReceivedMessage(ReadOnlySpan<byte> received)
    {
        var ackId = string.Empty;
        var deliveryAttempt = 0;
        var message = new MessageFields();
        var reader = new WireReader(received);
        while (reader.More)
        {
            var tag = reader.ReadTag();
            if (tag == AckIdTag)
                ackId = Utf8(reader.ReadLengthDelimited());
            else if (tag == MessageTag)
                ReadPubsubMessage(reader.ReadLengthDelimited(), ref message);
            else if (tag == DeliveryAttemptTag)
                deliveryAttempt = (int)reader.ReadVarint();
            else
                reader.Skip(tag);
        }

        return new ReceivedPubSubMessage(ackId, message.Data ?? [], Distinct(message.Attributes ?? []), message.MessageId ?? string.Empty,
            message.PublishTime, message.OrderingKey ?? string.Empty, deliveryAttempt);
    }

    /// <summary>Reads a PubsubMessage into <paramref name="fields"/>; a second occurrence merges, as protobuf's own parsers do.</summary>
    private static void ReadPubsubMessage(ReadOnlySpan<byte> message, ref MessageFields fields)
    {
        var attributes = 0;
        var scan = new WireReader(message);
        while (scan.More)
        {
            var tag = scan.ReadTag();
            if (tag == AttributesTag)
                attributes++;
            scan.Skip(tag);
        }

        var start = fields.Attributes?.Length ?? 0;
        if (attributes > 0)
        {
            var grown = new KeyValuePair<string, string>[start + attributes];
            fields.Attributes?.CopyTo(grown, 0);
            fields.Attributes = grown;
        }

        var reader = new WireReader(message);
        while (reader.More)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case DataTag:
                    fields.Data = reader.ReadLengthDelimited().ToArray();
                    break;
                case AttributesTag:
                    fields.Attributes![start++] = ReadEntry(reader.ReadLengthDelimited());
                    break;
                case MessageIdTag:
                    fields.MessageId = Utf8(reader.ReadLengthDelimited());
                    break;
                case PublishTimeTag:
                    fields.PublishTime = ReadTimestamp(reader.ReadLengthDelimited(), fields.PublishTime);
                    break;
                case OrderingKeyTag:
                    fields.OrderingKey = Utf8(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(tag);
                    break;
            }
        }
    }

    private static KeyValuePair<string, string> ReadEntry(ReadOnlySpan<byte> entry)
    {
        string key = string.Empty;
        ReadOnlySpan<byte> value = default;
        RecentValues? recent = null;
        var reader = new WireReader(entry);
        while (reader.More)
        {
            var tag = reader.ReadTag();
            if (tag == EntryKeyTag)
                (key, recent) = AttributeKeys.Get(reader.ReadLengthDelimited());
            else if (tag == EntryValueTag)
                value = reader.ReadLengthDelimited();
            else
                reader.Skip(tag);
        }

        return new KeyValuePair<string, string>(key, recent is null ? Utf8(value) : recent.Get(value));
    }

    /// <summary>A google.protobuf.Timestamp (seconds = 1, nanos = 2) merged onto <paramref name="merged"/>; null when out of range.</summary>
    private static DateTimeOffset? ReadTimestamp(ReadOnlySpan<byte> timestamp, DateTimeOffset? merged)
    {
        const long MinSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
        const long MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
        long seconds = 0, nanos = 0;
        if (merged is { } earlier)
        {
            var ticks = earlier.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
            nanos = rest * 100;
        }

        var reader = new WireReader(timestamp);
        while (reader.More)
        {
            var tag = reader.ReadTag();
            if (tag == SecondsTag)
                seconds = (long)reader.ReadVarint();
            else if (tag == NanosTag)
                nanos = (int)reader.ReadVarint();
            else
                reader.Skip(tag);
        }

        if (seconds is < MinSeconds or > MaxSeconds || nanos is < 0 or > 999_999_999)
            return null;
        return DateTimeOffset.UnixEpoch.AddTicks(seconds * TimeSpan.TicksPerSecond + nanos / 100);
    }

    /// <summary>One entry a key, the last value at the first one's place (what the generated map does with a repeated key).</summary>
    private static KeyValuePair<string, string>[] Distinct(KeyValuePair<string, string>[] attributes)
    {
        var kept = attributes.Length;
        for (var i = 1; i < attributes.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (attributes[j].Key is { } key && string.Equals(key, attributes[i].Key, StringComparison.Ordinal))
                {
                    attributes[j] = new KeyValuePair<string, string>(key, attributes[i].Value);
                    attributes[i] = default;
                    kept--;
                    break;
                }
            }
        }

        if (kept == attributes.Length)
            return attributes;
        var distinct = new KeyValuePair<string, string>[kept];
        var at = 0;
        foreach (var attribute in attributes)
        {
            if (attribute.Key is not null)
                distinct[at++] = attribute;
        }

        return distinct;
    }

    private static string Utf8(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);

    private ref struct MessageFields
    {
        public byte[]? Data;
        public KeyValuePair<string, string>[]? Attributes;
        public string? MessageId;
        public DateTimeOffset? PublishTime;
        public string? OrderingKey;
    }

    /// <summary>
    /// The attribute keys this transport writes on every message, decoded once: a received key that matches one is
    /// that string, not a new one (about ten a message). Keys whose values repeat from message to message (content
    /// type, message type, addresses) come with a few of their recent values.
    /// </summary>
    private static class AttributeKeys
    {
        private static readonly string[] Repeating =
            [MessageHeaders.ContentType, MessageHeaders.MessageType, MessageHeaders.SourceAddress, MessageHeaders.ResponseAddress, MessageHeaders.FaultAddress];

        private static readonly (byte[] Utf8, string Key, RecentValues? Values)[] Known =
            [.. PubSubAttributes.KnownKeys.Select(k => (Encoding.UTF8.GetBytes(k), k, Repeating.Contains(k) ? new RecentValues() : null))];

        public static (string Key, RecentValues? Values) Get(ReadOnlySpan<byte> bytes)
        {
            foreach (var (utf8, key, values) in Known)
            {
                if (bytes.SequenceEqual(utf8))
                    return (key, values);
            }

            return (Utf8(bytes), null);
        }
    }

    /// <summary>
    /// The last few values of one attribute, as text: a value received again is the same string, not a new one. Shared
    /// by every stream; its slots are replaced whole, so a reader sees an old entry or a new one, never half of one.
    /// </summary>
    private sealed class RecentValues
    {
        private const int MaxBytes = 512;
        private readonly Entry?[] _slots = new Entry?[4];
        private int _next;

        public string Get(ReadOnlySpan<byte> bytes)
        {
            foreach (var slot in _slots)
            {
                if (slot is not null && bytes.SequenceEqual(slot.Utf8))
                    return slot.Text;
            }

            var text = Utf8(bytes);
            if (bytes.Length <= MaxBytes)
                _slots[(Interlocked.Increment(ref _next) & int.MaxValue) % _slots.Length] = new Entry(bytes.ToArray(), text);
            return text;
        }

        private sealed record Entry(byte[] Utf8, string Text);
    }
}

/// <summary>A protobuf wire-format reader over one message's bytes: tags, varints, length-delimited fields, and skipping.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _at;

    public readonly bool More => _at < _buffer.Length;

    public uint ReadTag()
    {
        var tag = ReadVarint();
        if (tag > uint.MaxValue || tag >> 3 == 0)
            throw new InvalidDataException($"A protobuf tag {tag} is not valid.");
        return (uint)tag;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_at >= _buffer.Length)
                throw Truncated();
            var b = _buffer[_at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }

        throw new InvalidDataException("A protobuf varint is longer than 10 bytes.");
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_buffer.Length - _at))
            throw Truncated();
        var field = _buffer.Slice(_at, (int)length);
        _at += (int)length;
        return field;
    }

    /// <summary>Skips the field whose tag was just read.</summary>
    public void Skip(uint tag)
    {
        switch (tag & 7)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Advance(8);
                break;
            case 2:
                ReadLengthDelimited();
                break;
            case 3:
                SkipGroup(tag >> 3);
                break;
            case 5:
                Advance(4);
                break;
            default:
                throw new InvalidDataException($"A protobuf field {tag >> 3} has wire type {tag & 7}, which cannot start a field.");
        }
    }

    private void SkipGroup(uint field)
    {
        while (true)
        {
            if (!More)
                throw Truncated();
            var tag = ReadTag();
            if ((tag & 7) == 4)
            {
                if (tag >> 3 != field)
                    throw new InvalidDataException($"A protobuf group {field} is ended by field {tag >> 3}.");
                return;
            }

            Skip(tag);
        }
    }

    private void Advance(int bytes)
    {
        if (_buffer.Length - _at < bytes)
            throw Truncated();
        _at += bytes;
    }

    private static InvalidDataException Truncated() => new("A protobuf message ends inside a field.");
}
