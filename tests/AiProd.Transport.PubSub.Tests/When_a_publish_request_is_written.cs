using System.Text;
using AiProd.Transport.PubSub.Transport;
using AiProd.Transport.PubSub.V1;
using Google.Protobuf;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>The Publish request is written by hand (no generated message objects): it must be what the generated type reads.</summary>
public sealed class When_a_publish_request_is_written
{
    [Test]
    public void Should_be_read_back_by_the_generated_type_field_for_field()
    {
        var long300 = new string('é', 300);
        var messages = new[]
        {
            new OutgoingMessage(Encoding.UTF8.GetBytes("""{"a":1}"""), [new("Content-Type", "application/json"), new("MT-MessageType", "urn:message:A:B")], string.Empty),
            // Lengths past one varint byte (a 70 KB body, a 600-byte value), multi-byte UTF-8 in keys, values and the key.
            new OutgoingMessage(new byte[70_000], [new("clé-ü", long300), new("x", "😀")], "ordre-€"),
            new OutgoingMessage(ReadOnlyMemory<byte>.Empty, [], "k"),
        };
        var request = new PublishBatchRequest("projects/p/topics/t", messages);

        var buffer = new byte[PublishWire.Size(request)];
        var written = PublishWire.Write(request, buffer);
        var parsed = PublishRequest.Parser.ParseFrom(buffer);

        Assert.That(written, Is.EqualTo(buffer.Length));
        Assert.That(parsed.Topic, Is.EqualTo("projects/p/topics/t"));
        Assert.That(parsed.Messages, Has.Count.EqualTo(3));
        for (var i = 0; i < messages.Length; i++)
        {
            Assert.That(parsed.Messages[i].Data.ToByteArray(), Is.EqualTo(messages[i].Data.ToArray()), $"data of {i}");
            Assert.That(parsed.Messages[i].Attributes, Is.EquivalentTo(messages[i].Attributes), $"attributes of {i}");
            Assert.That(parsed.Messages[i].OrderingKey, Is.EqualTo(messages[i].OrderingKey), $"ordering key of {i}");
            Assert.That(messages[i].Size, Is.EqualTo(parsed.Messages[i].CalculateSize()), $"size of {i}");
        }
    }

    [Test]
    public void Should_write_the_same_bytes_as_the_generated_type()
    {
        var message = new OutgoingMessage(Encoding.UTF8.GetBytes("body"), [new("MessageId", "6c4a"), new("Content-Type", "application/json")], "key");
        var generated = new PublishRequest { Topic = "projects/p/topics/t" };
        var pubsubMessage = new PubsubMessage { Data = ByteString.CopyFromUtf8("body"), OrderingKey = "key" };
        pubsubMessage.Attributes.Add("MessageId", "6c4a");
        pubsubMessage.Attributes.Add("Content-Type", "application/json");
        generated.Messages.Add(pubsubMessage);

        var request = new PublishBatchRequest("projects/p/topics/t", [message]);
        var buffer = new byte[PublishWire.Size(request)];
        PublishWire.Write(request, buffer);

        Assert.That(buffer, Is.EqualTo(generated.ToByteArray()));
    }
}
