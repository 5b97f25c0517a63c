using AiProd.Transport.PubSub.Transport;
using AiProd.Transport.PubSub.V1;
using Google.Protobuf;

namespace AiProd.Transport.PubSub.Tests;

[Category("Integration")]
public sealed class When_many_ordering_keys_publish_at_once
{
    private const int Keys = 100;

    [Test]
    public async Task Should_share_publish_requests_across_keys_and_keep_each_keys_order()
    {
        var prefix = TestBus.NewPrefix();
        var options = new PubSubTransportOptions { ProjectId = PubSubEmulator.ProjectId, EmulatorHost = PubSubEmulator.Host, NamePrefix = prefix };
        await using var client = new PubSubClient(options);
        var topicId = prefix + "keys";
        var subscription = client.SubscriptionPath(topicId);
        await client.Publisher.CreateTopicAsync(new Topic { Name = client.TopicPath(topicId) });
        await client.Subscriber.CreateSubscriptionAsync(new Subscription { Name = subscription, Topic = client.TopicPath(topicId), AckDeadlineSeconds = 60, EnableMessageOrdering = true });
        try
        {
            var batcher = new PublishBatcher(client, topicId, ct => client.EnsureTopicAsync(topicId, ct));
            await using (batcher)
            {
                // The first publish checks the topic (until then publishes do not queue in call order); then one key
                // per video, two messages each, all at once: what a gateway sends under load.
                await batcher.PublishAsync(Message("warm-up", 0), CancellationToken.None);
                var keys = Enumerable.Range(0, Keys).Select(_ => Guid.NewGuid().ToString("D")).ToList();
                await Task.WhenAll(keys.SelectMany(key => new[] { Message(key, 1), Message(key, 2) }).Select(m => batcher.PublishAsync(m, CancellationToken.None)));

                // A lane per key would make one request per key; shared requests make a few.
                Assert.That(batcher.RequestsSent - 1, Is.LessThanOrEqualTo(Keys / 4), "publish requests for 100 keys");
            }

            var received = new List<PubsubMessage>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (received.Count < 2 * Keys + 1 && DateTime.UtcNow < deadline)
            {
                var pulled = await client.Subscriber.PullAsync(new PullRequest { Subscription = subscription, MaxMessages = 1000 });
                received.AddRange(pulled.ReceivedMessages.Select(m => m.Message));
                if (pulled.ReceivedMessages.Count > 0)
                    await client.Subscriber.AcknowledgeAsync(new AcknowledgeRequest { Subscription = subscription, AckIds = { pulled.ReceivedMessages.Select(m => m.AckId) } });
            }

            Assert.That(received, Has.Count.EqualTo(2 * Keys + 1), "every message once");
            foreach (var key in received.Where(m => m.OrderingKey != "warm-up").GroupBy(m => m.OrderingKey))
                Assert.That(key.Select(m => m.Data.ToStringUtf8()), Is.EqualTo(new[] { "1", "2" }), $"key {key.Key}");
        }
        finally
        {
            await client.Subscriber.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Subscription = subscription });
            await client.Publisher.DeleteTopicAsync(new DeleteTopicRequest { Topic = client.TopicPath(topicId) });
        }
    }

    [Test]
    public async Task Should_send_keys_that_arrive_within_one_delay_together_and_keep_nothing_per_key_after()
    {
        var prefix = TestBus.NewPrefix();
        var options = new PubSubTransportOptions
        {
            ProjectId = PubSubEmulator.ProjectId,
            EmulatorHost = PubSubEmulator.Host,
            NamePrefix = prefix,
            BatchDelay = TimeSpan.FromSeconds(1),
        };
        await using var client = new PubSubClient(options);
        var topicId = prefix + "trickle";
        await client.Publisher.CreateTopicAsync(new Topic { Name = client.TopicPath(topicId) });
        try
        {
            var batcher = new PublishBatcher(client, topicId, ct => client.EnsureTopicAsync(topicId, ct));
            await using (batcher)
            {
                await batcher.PublishAsync(Message("warm-up", 0), CancellationToken.None);
                var before = batcher.RequestsSent;

                // One video after another, a few milliseconds apart, all well inside one batch delay: a timer per key
                // would seal each at its own time and send most of them alone.
                var started = DateTime.UtcNow;
                var sends = new List<Task>();
                for (var i = 0; i < 40; i++)
                {
                    sends.Add(batcher.PublishAsync(Message(Guid.NewGuid().ToString("D"), 1), CancellationToken.None));
                    await Task.Delay(2);
                }

                var published = DateTime.UtcNow - started;
                await Task.WhenAll(sends);
                Assume.That(published, Is.LessThan(TimeSpan.FromMilliseconds(800)), "the loop ran inside one delay");
                Assert.That(batcher.RequestsSent - before, Is.LessThanOrEqualTo(2), "publish requests for 40 keys");
                Assert.That(batcher.KeysHeld, Is.Zero, "keys held once their messages are sent");
            }
        }
        finally
        {
            await client.Publisher.DeleteTopicAsync(new DeleteTopicRequest { Topic = client.TopicPath(topicId) });
        }
    }

    private static OutgoingMessage Message(string key, int sequence) =>
        new(System.Text.Encoding.UTF8.GetBytes(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)), [], key);
}
