using System.Text;
using AiProd.Transport.PubSub.Tests.Messages;
using AiProd.Transport.PubSub.Transport;
using MassTransit;

namespace AiProd.Transport.PubSub.Tests;

public sealed class When_names_and_attributes_are_made
{
    [Test]
    public void Should_name_a_message_topic_after_its_namespace_and_type()
    {
        Assert.That(PubSubNames.ForMessageType(typeof(Ping)), Is.EqualTo("AiProd.Transport.PubSub.Tests.Messages.Ping"));
    }

    [Test]
    public void Should_give_generic_faults_a_valid_distinct_topic()
    {
        var fault = PubSubNames.ForMessageType(typeof(Fault<Ping>));
        var other = PubSubNames.ForMessageType(typeof(Fault<Order>));

        Assert.That(fault, Is.EqualTo("MassTransit.Fault--AiProd.Transport.PubSub.Tests.Messages.Ping--"));
        Assert.That(fault, Is.Not.EqualTo(other));
        Assert.That(IsValidId(fault), Is.True);
    }

    [TestCase("ping")]
    [TestCase("1-starts-with-digit")]
    [TestCase("google-reserved")]
    [TestCase("has spaces/and:colons")]
    [TestCase("x")]
    public void Should_turn_any_endpoint_name_into_a_valid_id(string name)
    {
        Assert.That(IsValidId(PubSubNames.Sanitize(name)), Is.True, PubSubNames.Sanitize(name));
    }

    [Test]
    public void Should_shorten_long_names_to_255_and_keep_them_distinct()
    {
        var a = PubSubNames.Sanitize(new string('a', 300) + "1");
        var b = PubSubNames.Sanitize(new string('a', 300) + "2");

        Assert.That(a, Has.Length.LessThanOrEqualTo(255));
        Assert.That(a, Is.Not.EqualTo(b));
    }

    [Test]
    public void Should_cut_a_value_at_1024_utf8_bytes_without_splitting_a_character()
    {
        var value = new string('é', 700); // 2 bytes each: 1400 bytes

        var cut = PubSubAttributes.Truncate(value, PubSubAttributes.MaxValueBytes);

        Assert.That(Encoding.UTF8.GetByteCount(cut), Is.EqualTo(1024));
        Assert.That(cut, Is.EqualTo(new string('é', 512)));
    }

    [Test]
    public void Should_not_split_a_surrogate_pair()
    {
        var value = "a" + string.Concat(Enumerable.Repeat("😀", 300)); // 1 + 4 × 300 bytes

        var cut = PubSubAttributes.Truncate(value, 1024);

        Assert.That(Encoding.UTF8.GetByteCount(cut), Is.EqualTo(1021));
        Assert.That(char.IsHighSurrogate(cut[^1]), Is.False);
    }

    [Test]
    public void Should_keep_at_most_100_attributes_preferring_the_ones_messages_need()
    {
        var attributes = Enumerable.Range(0, 150).ToDictionary(i => $"custom-{i:000}", i => "v");
        attributes[MessageHeaders.MessageType] = "urn:message:X:Y";
        attributes[MessageHeaders.ContentType] = "application/json";
        attributes["googclient_thing"] = "reserved";
        attributes[new string('k', 300)] = "long key";
        attributes["empty"] = string.Empty;

        var limited = PubSubAttributes.Limit(attributes);

        Assert.Multiple(() =>
        {
            Assert.That(limited, Has.Count.EqualTo(100));
            Assert.That(limited.Keys, Does.Contain(MessageHeaders.MessageType).And.Contain(MessageHeaders.ContentType));
            Assert.That(limited.Keys, Has.None.StartsWith("goog"));
            Assert.That(limited.Keys, Has.None.EqualTo("empty"));
            Assert.That(limited.Keys.Select(k => Encoding.UTF8.GetByteCount(k)), Has.All.LessThanOrEqualTo(256));
        });
    }

    [Test]
    public void Should_name_each_wrong_option()
    {
        var problems = new PubSubTransportOptions
        {
            ProjectId = "",
            NamePrefix = "9bad",
            AckDeadline = TimeSpan.FromSeconds(5),
            BatchMaxMessages = 5000,
            StreamsPerSubscription = 0,
        }.Validate();

        Assert.That(string.Join(" ", problems), Does.Contain("ProjectId").And.Contain("NamePrefix").And.Contain("AckDeadline").And.Contain("BatchMaxMessages")
            .And.Contain("StreamsPerSubscription"));
    }

    private static bool IsValidId(string id) =>
        id.Length is >= 3 and <= 255 && char.IsAsciiLetter(id[0]) && !id.StartsWith("goog", StringComparison.OrdinalIgnoreCase)
        && id.All(c => char.IsAsciiLetterOrDigit(c) || "-_.~+%".Contains(c));
}
