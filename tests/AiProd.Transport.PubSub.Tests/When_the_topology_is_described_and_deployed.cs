using AiProd.Transport.PubSub.Configuration;
using AiProd.Transport.PubSub.Tests.Messages;
using AiProd.Transport.PubSub.V1;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>What a bus reports it creates and consumes, and that this is what exists on Pub/Sub.</summary>
public sealed class When_the_topology_is_described_and_deployed
{
    public sealed class PingConsumer : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context) => Task.CompletedTask;
    }

    public sealed class OrderConsumer : IConsumer<Order>
    {
        public Task Consume(ConsumeContext<Order> context) => Task.CompletedTask;
    }

    public sealed class OrderConsumerDefinition : ConsumerDefinition<OrderConsumer>
    {
        public OrderConsumerDefinition() => EndpointName = "orders-in-order";

        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<OrderConsumer> consumer, IRegistrationContext context)
        {
            if (endpoint is IPubSubReceiveEndpointConfigurator pubsub)
                pubsub.EnableMessageOrdering = true;
        }
    }

    /// <summary>A bus configured but never started; the emulator address is given by the caller.</summary>
    private static ServiceProvider Configure(string prefix, string emulatorHost)
    {
        var services = new ServiceCollection();
        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddConsumer<PingConsumer>();
            x.AddConsumer<OrderConsumer, OrderConsumerDefinition>();
            x.UsingGooglePubSub((context, cfg) =>
            {
                cfg.Host(PubSubEmulator.ProjectId, o =>
                {
                    o.EmulatorHost = emulatorHost;
                    o.NamePrefix = prefix;
                });
                cfg.Message<Order>(m => m.SetEntityName("orders"));
                cfg.DeclarePublishTopics(typeof(JobFinished));
                cfg.DeclarePublishTopic<JobTimedOut>();
                cfg.ConfigureEndpoints(context);
            });
        });
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task Should_report_every_topic_and_subscription_without_contacting_pubsub()
    {
        // Port 9 (discard) on loopback: nothing answers there, so any call to Pub/Sub would fail.
        await using var provider = Configure("p.", "127.0.0.1:9");

        var topology = provider.GetRequiredService<IBusControl>().GetPubSubTopology();

        var ping = topology.Endpoints.Single(e => e.Name == "ping");
        var orders = topology.Endpoints.Single(e => e.Name == "orders-in-order");
        Assert.Multiple(() =>
        {
            Assert.That(topology.ProjectId, Is.EqualTo(PubSubEmulator.ProjectId));
            Assert.That(ping.TopicId, Is.EqualTo("p.ping"));
            Assert.That(ping.Subscription, Is.EqualTo(new PubSubSubscriptionInfo("p.ping", "p.ping", false, null)));
            Assert.That(ping.MessageSubscriptions, Is.EqualTo(new[]
            {
                new PubSubSubscriptionInfo("p.ping.AiProd.Transport.PubSub.Tests.Messages.Ping", "p.AiProd.Transport.PubSub.Tests.Messages.Ping", false, typeof(Ping)),
            }));
            Assert.That(ping.Error, Is.EqualTo(new PubSubSubscriptionInfo("p.ping_error", "p.ping_error", false, null)));
            Assert.That(ping.Skipped, Is.EqualTo(new PubSubSubscriptionInfo("p.ping_skipped", "p.ping_skipped", false, null)));
            Assert.That(orders.Ordered, Is.True);
            Assert.That(orders.Consumed.Select(s => (s.SubscriptionId, s.TopicId, s.Ordered)), Is.EqualTo(new[]
            {
                ("p.orders-in-order", "p.orders-in-order", true),
                ("p.orders-in-order.orders", "p.orders", true),
            }), "SetEntityName moves the type's topic, and the subscription follows");
            Assert.That(topology.PublishTopics.Select(t => t.TopicId), Is.EqualTo(new[]
            {
                "p.AiProd.Transport.PubSub.Tests.Messages.JobFinished", "p.AiProd.Transport.PubSub.Tests.Messages.JobTimedOut",
            }));
            var bus = topology.Endpoints.Single(e => e.Temporary);
            Assert.That(bus.Subscription.ExpireAfterIdle, Is.EqualTo(TimeSpan.FromDays(1)), "the bus's own response endpoint is temporary");
            Assert.That(topology.WithoutTemporaryEndpoints().Endpoints.Select(e => e.Name), Is.EquivalentTo(new[] { "ping", "orders-in-order" }));
            Assert.That(topology.WithoutTemporaryEndpoints().Subscriptions, Has.Count.EqualTo(2 * 4));
            Assert.That(topology.Topics.Select(t => t.TopicId), Does.Contain("p.orders").And.Contain("p.ping_error").And.Contain("p.AiProd.Transport.PubSub.Tests.Messages.JobFinished"));
        });
    }

    [Test]
    [Category("Integration")]
    public async Task Should_create_exactly_the_reported_entities_upfront_with_their_ordering()
    {
        var prefix = TestBus.NewPrefix();
        await using var provider = Configure(prefix, PubSubEmulator.Host);
        var bus = provider.GetRequiredService<IBusControl>();
        var topology = bus.GetPubSubTopology().WithoutTemporaryEndpoints();

        await bus.DeployPubSubTopologyAsync();

        using var channel = GrpcChannel.ForAddress($"http://{PubSubEmulator.Host}");
        var publisher = new Publisher.PublisherClient(channel);
        var subscriber = new Subscriber.SubscriberClient(channel);
        foreach (var topic in topology.Topics)
            await publisher.GetTopicAsync(new GetTopicRequest { Topic = $"projects/{PubSubEmulator.ProjectId}/topics/{topic.TopicId}" });
        foreach (var expected in topology.Subscriptions)
        {
            var actual = await subscriber.GetSubscriptionAsync(new GetSubscriptionRequest { Subscription = $"projects/{PubSubEmulator.ProjectId}/subscriptions/{expected.SubscriptionId}" });
            Assert.That((actual.Topic, actual.EnableMessageOrdering), Is.EqualTo(($"projects/{PubSubEmulator.ProjectId}/topics/{expected.TopicId}", expected.Ordered)), expected.SubscriptionId);
        }

        Assert.That(topology.Subscriptions.Where(s => s.Ordered).Select(s => s.SubscriptionId),
            Is.EquivalentTo(new[] { $"{prefix}orders-in-order", $"{prefix}orders-in-order.orders" }));
    }

    [Test]
    [Category("Integration")]
    public async Task Should_deploy_a_topology_from_its_report_alone()
    {
        var prefix = TestBus.NewPrefix();
        PubSubTopology topology;
        await using (var provider = Configure(prefix, "127.0.0.1:9"))
            topology = provider.GetRequiredService<IBusControl>().GetPubSubTopology().WithoutTemporaryEndpoints();

        // What an operator command does: no bus, just the options of the target project.
        await PubSubTopologyDeployer.DeployAsync(new PubSubTransportOptions { ProjectId = PubSubEmulator.ProjectId, EmulatorHost = PubSubEmulator.Host }, topology);

        using var channel = GrpcChannel.ForAddress($"http://{PubSubEmulator.Host}");
        var subscriber = new Subscriber.SubscriberClient(channel);
        foreach (var expected in topology.Subscriptions)
            await subscriber.GetSubscriptionAsync(new GetSubscriptionRequest { Subscription = $"projects/{PubSubEmulator.ProjectId}/subscriptions/{expected.SubscriptionId}" });
    }

    [Test]
    [Category("Integration")]
    public async Task Should_create_the_declared_publish_topics_when_the_bus_starts()
    {
        var prefix = TestBus.NewPrefix();
        await using var bus = await TestBus.StartAsync(prefix, _ => { }, configure: (_, cfg) =>
        {
            cfg.DeclarePublishTopic<JobFinished>();
            // MassTransit's own switch, as on its other transports.
            cfg.DeployPublishTopology = true;
            cfg.Publish<JobStepDone>(_ => { });
        });

        using var channel = GrpcChannel.ForAddress($"http://{PubSubEmulator.Host}");
        var publisher = new Publisher.PublisherClient(channel);
        foreach (var type in new[] { "JobFinished", "JobStepDone" })
            await publisher.GetTopicAsync(new GetTopicRequest { Topic = $"projects/{PubSubEmulator.ProjectId}/topics/{prefix}AiProd.Transport.PubSub.Tests.Messages.{type}" });
        var exception = Assert.ThrowsAsync<RpcException>(async () =>
            await publisher.GetTopicAsync(new GetTopicRequest { Topic = $"projects/{PubSubEmulator.ProjectId}/topics/{prefix}AiProd.Transport.PubSub.Tests.Messages.JobTimedOut" }));
        Assert.That(exception!.StatusCode, Is.EqualTo(StatusCode.NotFound), "only the declared ones");
        Assert.That(bus.Bus.GetPubSubTopology().PublishTopics.Select(t => t.MessageType), Is.EquivalentTo(new[] { typeof(JobFinished), typeof(JobStepDone) }));
    }
}
