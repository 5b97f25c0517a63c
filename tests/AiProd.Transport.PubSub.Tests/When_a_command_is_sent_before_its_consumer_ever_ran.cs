using AiProd.Transport.PubSub.Configuration;
using AiProd.Transport.PubSub.Tests.Messages;
using AiProd.Transport.PubSub.Transport;
using AiProd.Transport.PubSub.V1;
using Grpc.Net.Client;
using MassTransit;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>
/// A producer that starts first sends to an endpoint by its short address; Pub/Sub drops what is published to a topic
/// without subscriptions, so the sender creates the endpoint's subscription along with its topic.
/// </summary>
public sealed class When_a_command_is_sent_before_its_consumer_ever_ran
{
    private static readonly Uri Host = PubSubEndpointAddress.HostAddress("project");

    [TestCase("queue:render-shot", "render-shot", false)]
    [TestCase("queue:render-shot?durable=false", "render-shot", false)]
    [TestCase("topic:AiProd.Contracts.VideoCompleted", "AiProd.Contracts.VideoCompleted", true)]
    [TestCase("exchange:AiProd.Contracts.VideoCompleted", "AiProd.Contracts.VideoCompleted", true)]
    [TestCase("pubsub://project/render-shot", "render-shot", false)]
    [TestCase("pubsub://project/AiProd.Contracts.VideoCompleted?type=topic", "AiProd.Contracts.VideoCompleted", true)]
    public void Should_resolve_short_and_full_addresses_to_the_endpoint_or_the_bare_topic(string address, string name, bool isTopic)
    {
        var parsed = PubSubEndpointAddress.Parse(Host, new Uri(address));

        Assert.That((parsed.Name, parsed.IsTopic), Is.EqualTo((name, isTopic)));
    }

    public sealed class PingConsumer(Received received) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            received.Add(context.Message);
            return Task.CompletedTask;
        }
    }

    public sealed class PingConsumerDefinition : ConsumerDefinition<PingConsumer>
    {
        public PingConsumerDefinition() => EndpointName = "late-worker";

        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<PingConsumer> consumer, IRegistrationContext context)
        {
            if (endpoint is IPubSubReceiveEndpointConfigurator pubsub)
                pubsub.EnableMessageOrdering = true;
        }
    }

    [Test]
    [Category("Integration")]
    public async Task Should_keep_it_in_the_endpoint_subscription_until_the_consumer_starts()
    {
        var prefix = TestBus.NewPrefix();
        await using (var producer = await TestBus.StartAsync(prefix, _ => { }))
        {
            var endpoint = await producer.Bus.GetSendEndpoint(new Uri("queue:late-worker"));
            await endpoint.Send(new Ping(Guid.NewGuid(), 1));
        }

        // The first Publish RPC found the topic and its subscription in place.
        using (var channel = GrpcChannel.ForAddress($"http://{PubSubEmulator.Host}"))
        {
            var subscription = await new Subscriber.SubscriberClient(channel).GetSubscriptionAsync(new GetSubscriptionRequest
            {
                Subscription = $"projects/{PubSubEmulator.ProjectId}/subscriptions/{prefix}late-worker",
            });
            Assert.That(subscription.Topic, Is.EqualTo($"projects/{PubSubEmulator.ProjectId}/topics/{prefix}late-worker"));
        }

        // The sender could not know the endpoint is ordered, so its subscription is not (the consumer logs a warning);
        // DeployPubSubTopologyAsync before anything is sent avoids that.
        await using var consumer = await TestBus.StartAsync(prefix, x => x.AddConsumer<PingConsumer, PingConsumerDefinition>());
        await consumer.Received.WaitFor(r => r.Of<Ping>().Count == 1, TimeSpan.FromSeconds(30), "the ping sent before the consumer existed");
    }
}
