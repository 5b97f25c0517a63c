using System.Text;
using AiProd.Transport.PubSub.Tests.Messages;
using AiProd.Transport.PubSub.V1;
using Google.Protobuf;
using Grpc.Net.Client;
using MassTransit;

namespace AiProd.Transport.PubSub.Tests;

[Category("Integration")]
public sealed class When_other_clients_and_failures_meet_the_bus
{
    public sealed class PingConsumer(Received received) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            received.Add(context.Message);
            if (context.Headers.Get<string>("Big") is { } big)
                received.Add(big);
            return Task.CompletedTask;
        }
    }

    public sealed class OrderConsumer(Received received) : IConsumer<Order>
    {
        public Task Consume(ConsumeContext<Order> context)
        {
            received.Add(context.Message);
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task Should_consume_plain_json_published_by_a_client_that_is_not_masstransit()
    {
        var prefix = TestBus.NewPrefix();
        await using var bus = await TestBus.StartAsync(prefix, x =>
        {
            x.AddConsumer<PingConsumer>();
            x.AddConsumer<OrderConsumer>();
        });
        var id = Guid.NewGuid();

        // What any Pub/Sub client does: JSON bytes, no attributes, to the documented topic.
        using var channel = GrpcChannel.ForAddress($"http://{PubSubEmulator.Host}");
        var publisher = new Publisher.PublisherClient(channel);
        var request = new PublishRequest { Topic = $"projects/{PubSubEmulator.ProjectId}/topics/{prefix}AiProd.Transport.PubSub.Tests.Messages.Ping" };
        request.Messages.Add(new PubsubMessage { Data = ByteString.CopyFromUtf8($$"""{"correlationId":"{{id}}","number":42}""") });
        await publisher.PublishAsync(request);

        await bus.Received.WaitFor(r => r.Of<Ping>().Count == 1, TimeSpan.FromSeconds(30), "the plain ping");
        await Task.Delay(500);
        Assert.That(bus.Received.Of<Ping>().Single(), Is.EqualTo(new Ping(id, 42)));
        Assert.That(bus.Received.Of<Order>(), Is.Empty, "only the topic's type is consumed");
    }

    [Test]
    public async Task Should_put_the_send_context_and_headers_on_the_wire_as_attributes_for_any_client()
    {
        var prefix = TestBus.NewPrefix();
        // A plain subscription on the type's topic, made before the bus publishes: what another system would read.
        using var channel = GrpcChannel.ForAddress($"http://{PubSubEmulator.Host}");
        var topic = $"projects/{PubSubEmulator.ProjectId}/topics/{prefix}AiProd.Transport.PubSub.Tests.Messages.Ping";
        var subscription = $"projects/{PubSubEmulator.ProjectId}/subscriptions/{prefix}wire";
        await new Publisher.PublisherClient(channel).CreateTopicAsync(new Topic { Name = topic });
        await new Subscriber.SubscriberClient(channel).CreateSubscriptionAsync(new Subscription { Name = subscription, Topic = topic });
        await using var bus = await TestBus.StartAsync(prefix, _ => { });
        var (id, requestId, initiatorId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Guid? messageId = null;

        await bus.Bus.Publish(new Ping(id, 7), c =>
        {
            c.RequestId = requestId;
            c.InitiatorId = initiatorId;
            c.ResponseAddress = new Uri("pubsub://p/replies");
            c.FaultAddress = new Uri("pubsub://p/faults");
            c.Headers.Set("Tenant", "acme");
            c.Headers.Set("MT-Host-Machine", "left out, as MassTransit's transports do");
            messageId = c.MessageId;
        });

        var received = await When_a_consumer_fails_or_nobody_consumes.PullOne($"{prefix}wire", TimeSpan.FromSeconds(30));
        var attributes = received.Message.Attributes;
        Assert.Multiple(() =>
        {
            Assert.That(attributes["Content-Type"], Is.EqualTo("application/json"));
            Assert.That(attributes["MessageId"], Is.EqualTo(messageId.ToString()));
            Assert.That(attributes["CorrelationId"], Is.EqualTo(id.ToString()));
            // MassTransit gives the conversation its id after this pipe ran.
            Assert.That(Guid.TryParse(attributes["ConversationId"], out _), Is.True, attributes.GetValueOrDefault("ConversationId"));
            Assert.That(attributes["RequestId"], Is.EqualTo(requestId.ToString()));
            Assert.That(attributes[MessageHeaders.InitiatorId], Is.EqualTo(initiatorId.ToString()));
            Assert.That(attributes["MT-MessageType"], Is.EqualTo("urn:message:AiProd.Transport.PubSub.Tests.Messages:Ping"));
            Assert.That(attributes["MT-Response-Address"], Is.EqualTo("pubsub://p/replies"));
            Assert.That(attributes[MessageHeaders.FaultAddress], Is.EqualTo("pubsub://p/faults"));
            Assert.That(attributes["MT-Source-Address"], Does.StartWith("pubsub://"));
            Assert.That(attributes["Tenant"], Is.EqualTo("acme"));
            Assert.That(attributes.Keys.Where(k => k.StartsWith("MT-Host-", StringComparison.Ordinal)), Is.Empty);
            Assert.That(System.Text.Json.JsonSerializer.Deserialize<Ping>(received.Message.Data.Span, System.Text.Json.JsonSerializerOptions.Web), Is.EqualTo(new Ping(id, 7)));
        });

        await new Subscriber.SubscriberClient(channel).DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Subscription = subscription });
    }

    [Test]
    public async Task Should_deliver_a_message_whose_header_is_over_the_attribute_limit_with_the_value_cut()
    {
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x => x.AddConsumer<PingConsumer>());
        var big = string.Concat(Enumerable.Repeat("ü", 1500));

        await bus.Bus.Publish(new Ping(Guid.NewGuid(), 1), c => c.Headers.Set("Big", big));

        await bus.Received.WaitFor(r => r.Of<string>().Count == 1, TimeSpan.FromSeconds(30), "the ping with its header");
        var received = bus.Received.Of<string>().Single();
        Assert.That(Encoding.UTF8.GetByteCount(received), Is.EqualTo(1024));
        Assert.That(big, Does.StartWith(received));
    }

    public sealed class FlakyConsumer(Received received) : IConsumer<Explode>
    {
        public Task Consume(ConsumeContext<Explode> context)
        {
            received.Add(DateTime.UtcNow);
            return received.Of<DateTime>().Count < 2 ? throw new InvalidOperationException("not yet") : Task.CompletedTask;
        }
    }

    public sealed class FlakyConsumerDefinition : ConsumerDefinition<FlakyConsumer>
    {
        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<FlakyConsumer> consumer, IRegistrationContext context) =>
            endpoint.UseDelayedRedelivery(r => r.Intervals(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task Should_redeliver_a_failed_message_after_the_configured_delay()
    {
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x => x.AddConsumer<FlakyConsumer, FlakyConsumerDefinition>());

        await bus.Bus.Publish(new Explode(Guid.NewGuid(), "once"));

        await bus.Received.WaitFor(r => r.Of<DateTime>().Count == 2, TimeSpan.FromSeconds(30), "the redelivery");
        var attempts = bus.Received.Of<DateTime>();
        Assert.That(attempts[1] - attempts[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)));
    }
}
