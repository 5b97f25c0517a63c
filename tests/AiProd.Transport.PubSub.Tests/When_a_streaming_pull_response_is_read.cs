using System.Buffers;
using System.Text;
using AiProd.Transport.PubSub.Transport;
using AiProd.Transport.PubSub.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>
/// StreamingPull responses are read by hand (no generated message objects): every field the transport uses must come
/// out as the generated parser reads it, from the bytes the server sends, unknown fields and all.
/// </summary>
public sealed class When_a_streaming_pull_response_is_read
{
    [Test]
    public void Should_read_what_the_generated_parser_reads()
    {
        var response = new StreamingPullResponse
        {
            SubscriptionProperties = new StreamingPullResponse.Types.SubscriptionProperties { MessageOrderingEnabled = true, ExactlyOnceDeliveryEnabled = true },
            AcknowledgeConfirmation = new StreamingPullResponse.Types.AcknowledgeConfirmation { AckIds = { "a", "b" }, InvalidAckIds = { "c" } },
            ModifyAckDeadlineConfirmation = new StreamingPullResponse.Types.ModifyAckDeadlineConfirmation { AckIds = { "d" } },
        };
        response.ReceivedMessages.Add(Received("ack-1", """{"a":1}"""u8.ToArray(), "m1", "", 0, ("Content-Type", "application/json"), ("MT-MessageType", "urn:message:A:B")));
        // Empty data, no attributes, a delivery attempt, a publish time before 1970 with nanos.
        var empty = Received("ack-2", [], "m2", "key", 7);
        empty.Message.PublishTime = new Timestamp { Seconds = -1_000, Nanos = 999_999_900 };
        response.ReceivedMessages.Add(empty);
        // A large body (lengths past three varint bytes), 300 attributes, multi-byte UTF-8 everywhere.
        var attributes = Enumerable.Range(0, 300).Select(i => ($"clé-{i}-ü", new string('€', i))).ToArray();
        response.ReceivedMessages.Add(Received("ack-€", Enumerable.Range(0, 3_000_000).Select(i => (byte)i).ToArray(), "m3", "ordre-😀", 1, attributes));

        var bytes = response.ToByteArray();
        var batch = StreamingPullWire.Read(bytes);

        AssertSame(StreamingPullResponse.Parser.ParseFrom(bytes), batch);
        Assert.That(batch.MessageOrderingEnabled, Is.True);
        Assert.That(batch.Messages[1].PublishTime, Is.EqualTo(DateTimeOffset.UnixEpoch.AddSeconds(-1_000).AddTicks(9_999_999)));
    }

    [Test]
    public void Should_skip_unknown_fields_of_every_wire_type_at_every_level()
    {
        var message = new MemoryStream();
        var output = new CodedOutputStream(message, leaveOpen: true);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFromUtf8("body"));
        WriteUnknownFields(output);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(Entry("MessageId", "6c4a", unknown: true));
        output.WriteTag(3, WireFormat.WireType.LengthDelimited);
        output.WriteString("m1");
        output.WriteTag(4, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(Bytes(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(1_700_000_000);
            WriteUnknownFields(o);
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt32(5_000);
        }));
        output.WriteTag(5, WireFormat.WireType.LengthDelimited);
        output.WriteString("k");
        output.Flush();

        var received = Bytes(o =>
        {
            WriteUnknownFields(o);
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("ack");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(message.ToArray()));
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteInt32(2);
            WriteUnknownFields(o);
        });
        var bytes = Bytes(o =>
        {
            WriteUnknownFields(o);
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(received);
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Bytes(p =>
            {
                WriteUnknownFields(p);
                p.WriteTag(2, WireFormat.WireType.Varint);
                p.WriteBool(false);
            }));
            WriteUnknownFields(o);
        }).ToByteArray();

        var generated = StreamingPullResponse.Parser.ParseFrom(bytes);
        var batch = StreamingPullWire.Read(bytes);

        Assert.That(generated.ReceivedMessages[0].Message.Data.ToStringUtf8(), Is.EqualTo("body"), "the generated parser read the crafted bytes");
        AssertSame(generated, batch);
        Assert.That(batch.MessageOrderingEnabled, Is.False);
        Assert.That(batch.Messages[0].Attributes, Is.EqualTo(new[] { KeyValuePair.Create("MessageId", "6c4a") }));
    }

    [Test]
    public void Should_keep_the_last_value_of_a_repeated_key_at_its_first_place_as_the_generated_map_does()
    {
        var message = Bytes(o =>
        {
            foreach (var (key, value) in new[] { ("a", "1"), ("b", "2"), ("a", "3"), ("c", "4"), ("b", "5") })
            {
                o.WriteTag(2, WireFormat.WireType.LengthDelimited);
                o.WriteBytes(Entry(key, value, unknown: false));
            }

            // A map entry without a value is the key with an empty value; one without a key is the empty key.
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Bytes(e =>
            {
                e.WriteTag(1, WireFormat.WireType.LengthDelimited);
                e.WriteString("d");
            }));
        });
        var bytes = Bytes(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Bytes(r =>
            {
                r.WriteTag(2, WireFormat.WireType.LengthDelimited);
                r.WriteBytes(message);
            }));
        }).ToByteArray();

        var generated = StreamingPullResponse.Parser.ParseFrom(bytes);
        var batch = StreamingPullWire.Read(bytes);

        AssertSame(generated, batch);
        Assert.That(batch.Messages[0].Attributes, Is.EqualTo(new[]
        {
            KeyValuePair.Create("a", "3"), KeyValuePair.Create("b", "5"), KeyValuePair.Create("c", "4"), KeyValuePair.Create("d", ""),
        }));
        Assert.That(batch.MessageOrderingEnabled, Is.Null, "no subscription properties on the wire");
    }

    [Test]
    public void Should_read_a_response_that_arrives_in_several_segments()
    {
        var response = new StreamingPullResponse();
        for (var i = 0; i < 50; i++)
            response.ReceivedMessages.Add(Received($"ack-{i}", new byte[1_000 + i], $"m{i}", "", 0, ("Content-Type", "application/json")));
        var bytes = response.ToByteArray();

        var batch = StreamingPullWire.StreamingPull.ResponseMarshaller.ContextualDeserializer(new SegmentedPayload(bytes, 777));

        AssertSame(response, batch);
    }

    [Test]
    public void Should_read_repeating_values_right_whichever_came_before()
    {
        // More message types than the reader keeps recent values of, interleaved, and the same key with other values.
        var types = Enumerable.Range(0, 7).Select(i => $"urn:message:Bench:Type{i}").ToArray();
        var response = new StreamingPullResponse();
        for (var i = 0; i < 60; i++)
        {
            response.ReceivedMessages.Add(Received($"ack-{i}", [], $"m{i}", "", 0, ("MT-MessageType", types[i * i % types.Length]),
                ("Content-Type", i % 5 == 0 ? "application/vnd.masstransit+json" : "application/json"), ("MT-Source-Address", $"pubsub://p/e{i % 2}"),
                ("CorrelationId", Guid.NewGuid().ToString())));
        }

        var bytes = response.ToByteArray();
        var first = StreamingPullWire.Read(bytes);
        var again = StreamingPullWire.Read(bytes);

        AssertSame(response, first);
        AssertSame(response, again);
        Assert.That(again.Messages[^1].Attributes[0].Value, Is.SameAs(first.Messages[^1].Attributes[0].Value), "a message type read again is the string read before");
    }

    [Test]
    public void Should_refuse_a_truncated_response()
    {
        var bytes = new StreamingPullResponse { ReceivedMessages = { Received("ack", new byte[100], "m", "", 0) } }.ToByteArray();

        Assert.Throws<InvalidDataException>(() => StreamingPullWire.Read(bytes.AsSpan(0, bytes.Length - 10)));
    }

    [Test]
    public void Should_write_the_request_as_the_generated_type_does()
    {
        var request = new StreamingPullRequest { Subscription = "projects/p/subscriptions/s", ClientId = "c", StreamAckDeadlineSeconds = 60, MaxOutstandingMessages = 1000 };
        var context = new CapturingSerializationContext();

        StreamingPullWire.StreamingPull.RequestMarshaller.ContextualSerializer(request, context);

        Assert.That(context.Written.WrittenSpan.ToArray(), Is.EqualTo(request.ToByteArray()));
    }

    private static void AssertSame(StreamingPullResponse expected, StreamingPullBatch actual)
    {
        Assert.That(actual.Messages, Has.Count.EqualTo(expected.ReceivedMessages.Count));
        Assert.That(actual.MessageOrderingEnabled, Is.EqualTo(expected.SubscriptionProperties?.MessageOrderingEnabled));
        for (var i = 0; i < expected.ReceivedMessages.Count; i++)
        {
            var (want, got) = (expected.ReceivedMessages[i], actual.Messages[i]);
            Assert.That(got.AckId, Is.EqualTo(want.AckId), $"ack id of {i}");
            Assert.That(got.DeliveryAttempt, Is.EqualTo(want.DeliveryAttempt), $"delivery attempt of {i}");
            Assert.That(got.Data, Is.EqualTo(want.Message.Data.ToByteArray()), $"data of {i}");
            Assert.That(got.Attributes, Is.EqualTo(want.Message.Attributes.ToList()), $"attributes of {i}, in order");
            Assert.That(got.MessageId, Is.EqualTo(want.Message.MessageId), $"message id of {i}");
            Assert.That(got.OrderingKey, Is.EqualTo(want.Message.OrderingKey), $"ordering key of {i}");
            Assert.That(got.PublishTime, Is.EqualTo(want.Message.PublishTime?.ToDateTimeOffset()), $"publish time of {i}");
        }
    }

    private static ReceivedMessage Received(string ackId, byte[] data, string messageId, string orderingKey, int attempt, params (string Key, string Value)[] attributes)
    {
        var message = new PubsubMessage
        {
            Data = ByteString.CopyFrom(data),
            MessageId = messageId,
            OrderingKey = orderingKey,
            PublishTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 3, 10, 0, 0, 123, TimeSpan.Zero)),
        };
        foreach (var (key, value) in attributes)
            message.Attributes.Add(key, value);
        return new ReceivedMessage { AckId = ackId, Message = message, DeliveryAttempt = attempt };
    }

    private static ByteString Entry(string key, string value, bool unknown) => Bytes(o =>
    {
        if (unknown)
            WriteUnknownFields(o);
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteString(key);
        o.WriteTag(2, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    });

    /// <summary>One field of each wire type under numbers the subset does not know (a group among them, with a field inside).</summary>
    private static void WriteUnknownFields(CodedOutputStream output)
    {
        output.WriteTag(90, WireFormat.WireType.Varint);
        output.WriteInt64(-5);
        output.WriteTag(91, WireFormat.WireType.Fixed64);
        output.WriteFixed64(ulong.MaxValue);
        output.WriteTag(92, WireFormat.WireType.LengthDelimited);
        output.WriteString("unknown ✓");
        output.WriteTag(93, WireFormat.WireType.Fixed32);
        output.WriteFixed32(7);
        output.WriteTag(94, WireFormat.WireType.StartGroup);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteString("in a group");
        output.WriteTag(94, WireFormat.WireType.EndGroup);
    }

    private static ByteString Bytes(Action<CodedOutputStream> write)
    {
        var stream = new MemoryStream();
        var output = new CodedOutputStream(stream, leaveOpen: true);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(stream.ToArray());
    }

    /// <summary>A payload handed over in segments of <paramref name="segmentSize"/> bytes, as a large gRPC message can be.</summary>
    private sealed class SegmentedPayload(byte[] bytes, int segmentSize) : DeserializationContext
    {
        public override int PayloadLength => bytes.Length;

        public override byte[] PayloadAsNewBuffer() => (byte[])bytes.Clone();

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence()
        {
            Segment? first = null, last = null;
            for (var at = 0; at < bytes.Length; at += segmentSize)
            {
                var segment = new Segment(bytes.AsMemory(at, Math.Min(segmentSize, bytes.Length - at)), last);
                first ??= segment;
                last = segment;
            }

            var sequence = new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
            Assert.That(sequence.IsSingleSegment, Is.False);
            return sequence;
        }

        private sealed class Segment : ReadOnlySequenceSegment<byte>
        {
            public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
            {
                Memory = memory;
                if (previous is not null)
                {
                    RunningIndex = previous.RunningIndex + previous.Memory.Length;
                    previous.Next = this;
                }
            }
        }
    }

    private sealed class CapturingSerializationContext : SerializationContext
    {
        public ArrayBufferWriter<byte> Written { get; } = new();

        public override void Complete(byte[] payload) => Written.Write(payload);

        public override IBufferWriter<byte> GetBufferWriter() => Written;

        public override void SetPayloadLength(int payloadLength)
        {
        }

        public override void Complete()
        {
        }
    }
}
