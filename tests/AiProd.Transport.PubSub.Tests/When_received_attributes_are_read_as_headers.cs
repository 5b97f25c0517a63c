using AiProd.Transport.PubSub.Transport;
using MassTransit;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>
/// The headers of a received message are read in place from its attributes: they must answer as the case-insensitive
/// header dictionary the transport used to copy them into (the oracle below) did.
/// </summary>
public sealed class When_received_attributes_are_read_as_headers
{
    private static readonly string[] Probes =
    [
        "Content-Type", "content-type", "MT-MessageType", "mt-messagetype", "MessageId", "X-Custom", "x-custom",
        MessageHeaders.TransportMessageId, "transportmessageid", "missing", "",
    ];

    [TestCase(null)]
    [TestCase("urn:message:Topic:Type")]
    public void Should_answer_as_the_copied_dictionary_did(string? topicMessageType)
    {
        AssertLikeTheDictionary(Message(("Content-Type", "application/json"), ("MT-MessageType", "urn:message:A:B"), ("MessageId", "6c4a"), ("X-Custom", "1")), topicMessageType);
    }

    [Test]
    public void Should_give_a_message_without_a_type_the_type_its_topic_carries()
    {
        var message = Message(("Content-Type", "application/json"), ("x-custom", "1"));

        AssertLikeTheDictionary(message, "urn:message:Topic:Type");
        Assert.That(new PubSubHeaderProvider(message, "urn:message:Topic:Type").TryGetHeader("MT-MessageType", out var type), Is.True);
        Assert.That(type, Is.EqualTo("urn:message:Topic:Type"));
    }

    [Test]
    public void Should_keep_the_later_of_two_keys_that_differ_in_case_and_the_pubsub_message_id_over_an_attribute()
    {
        var message = Message(("X-Custom", "first"), ("mt-messagetype", "urn:message:Lower:Case"), ("x-CUSTOM", "second"), (MessageHeaders.TransportMessageId, "spoofed"));

        AssertLikeTheDictionary(message, "urn:message:Topic:Type");
        var provider = new PubSubHeaderProvider(message, "urn:message:Topic:Type");
        Assert.That(provider.TryGetHeader("x-custom", out var custom) ? custom : null, Is.EqualTo("second"));
        Assert.That(provider.TryGetHeader(MessageHeaders.TransportMessageId, out var id) ? id : null, Is.EqualTo("pubsub-id"));
        Assert.That(provider.TryGetHeader(MessageHeaders.MessageType, out var type) ? type : null, Is.EqualTo("urn:message:Lower:Case"));
    }

    [Test]
    public void Should_answer_for_a_message_without_attributes()
    {
        AssertLikeTheDictionary(Message(), null);
        AssertLikeTheDictionary(Message(), "urn:message:Topic:Type");
    }

    [Test]
    public void Should_parse_each_content_type_once_and_take_text_that_is_none_for_none()
    {
        var json = PubSubReceiveContext.Parse("application/json");

        Assert.That(json?.MediaType, Is.EqualTo("application/json"));
        Assert.That(PubSubReceiveContext.Parse("application/json"), Is.SameAs(json));
        Assert.That(PubSubReceiveContext.Parse("application/vnd.masstransit+json; charset=utf-8")?.CharSet, Is.EqualTo("utf-8"));
        Assert.That(PubSubReceiveContext.Parse("not a content type"), Is.Null);
        Assert.That(PubSubReceiveContext.Parse(""), Is.Null);
    }

    private static ReceivedPubSubMessage Message(params (string Key, string Value)[] attributes) =>
        new("ack", [1, 2, 3], [.. attributes.Select(a => KeyValuePair.Create(a.Key, a.Value))], "pubsub-id", null, string.Empty, 0);

    /// <summary>What the transport did before: every attribute copied into a case-insensitive dictionary, then the type and the id.</summary>
    private static DictionaryHeaderProvider Copied(ReceivedPubSubMessage message, string? topicMessageType)
    {
        var headers = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in message.Attributes)
            headers[key] = value;
        if (topicMessageType is not null && !headers.ContainsKey(MessageHeaders.MessageType))
            headers[MessageHeaders.MessageType] = topicMessageType;
        headers[MessageHeaders.TransportMessageId] = message.MessageId;
        return new DictionaryHeaderProvider(headers);
    }

    private static void AssertLikeTheDictionary(ReceivedPubSubMessage message, string? topicMessageType)
    {
        var expected = Copied(message, topicMessageType);
        var actual = new PubSubHeaderProvider(message, topicMessageType);
        Assert.That(actual.GetAll(), Is.EquivalentTo(expected.GetAll()));
        foreach (var probe in Probes.Concat(message.Attributes.Select(a => a.Key)))
        {
            var found = expected.TryGetHeader(probe, out var want);
            Assert.That(actual.TryGetHeader(probe, out var got), Is.EqualTo(found), $"found {probe}");
            Assert.That(got, Is.EqualTo(want), $"value of {probe}");
        }
    }
}
