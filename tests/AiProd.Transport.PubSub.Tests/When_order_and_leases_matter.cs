using System.Collections.Concurrent;
using AiProd.Transport.PubSub.Configuration;
using AiProd.Transport.PubSub.Tests.Messages;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Transport.PubSub.Tests;

[Category("Integration")]
public sealed class When_order_and_leases_matter
{
    public sealed class OrderConsumer(Received received) : IConsumer<Order>
    {
        public async Task Consume(ConsumeContext<Order> context)
        {
            // Uneven work, so an unordered dispatch would overtake.
            await Task.Delay(Random.Shared.Next(0, 15));
            received.Add(context.Message);
        }
    }

    public sealed class OrderConsumerDefinition : ConsumerDefinition<OrderConsumer>
    {
        public OrderConsumerDefinition() => ConcurrentMessageLimit = 8;

        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<OrderConsumer> consumer, IRegistrationContext context)
        {
            if (endpoint is IPubSubReceiveEndpointConfigurator pubsub)
                pubsub.EnableMessageOrdering = true;
        }
    }

    [Test]
    public async Task Should_consume_each_ordering_key_in_publish_order_while_keys_run_concurrently()
    {
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x => x.AddConsumer<OrderConsumer, OrderConsumerDefinition>());
        var keys = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(keys.Select(async key =>
        {
            for (var i = 1; i <= 25; i++)
                await bus.Bus.Publish(new Order(key, i));
        }));

        await bus.Received.WaitFor(r => r.Of<Order>().Count >= 100, TimeSpan.FromSeconds(60), "100 orders");
        foreach (var key in keys)
        {
            var sequence = bus.Received.Of<Order>().Where(o => o.CorrelationId == key).Select(o => o.Sequence).ToList();
            Assert.That(sequence, Is.EqualTo(Enumerable.Range(1, 25)), $"key {key}");
        }
    }

    [Test]
    public async Task Should_keep_order_and_lose_nothing_while_its_streams_are_replaced()
    {
        // A stream lives a second here (5 minutes in production): each is closed politely and replaced while orders flow.
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x => x.AddConsumer<OrderConsumer, OrderConsumerDefinition>(),
            o => o.StreamLifetime = TimeSpan.FromSeconds(1));
        var keys = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(keys.Select(async key =>
        {
            for (var i = 1; i <= 25; i++)
            {
                await bus.Bus.Publish(new Order(key, i));
                await Task.Delay(100);
            }
        }));

        await bus.Received.WaitFor(r => r.Of<Order>().Count >= 100, TimeSpan.FromSeconds(60), "100 orders");
        await Task.Delay(500);
        Assert.That(bus.Received.Of<Order>(), Has.Count.EqualTo(100), "each order once");
        foreach (var key in keys)
            Assert.That(bus.Received.Of<Order>().Where(o => o.CorrelationId == key).Select(o => o.Sequence), Is.EqualTo(Enumerable.Range(1, 25)), $"key {key}");
    }

    public sealed class SlowConsumer(Received received) : IConsumer<SlowJob>
    {
        public async Task Consume(ConsumeContext<SlowJob> context)
        {
            received.Add(context.Message);
            await Task.Delay(context.Message.Milliseconds, context.CancellationToken);
        }
    }

    [Test]
    public async Task Should_keep_the_lease_of_a_consumer_slower_than_the_ack_deadline()
    {
        // 10 s is Pub/Sub's shortest deadline; the consumer takes 14 s, so without extensions it would come back at ~10 s.
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x => x.AddConsumer<SlowConsumer>(),
            o => o.AckDeadline = TimeSpan.FromSeconds(10));

        await bus.Bus.Publish(new SlowJob(Guid.NewGuid(), 1, 14_000));

        await bus.Received.WaitFor(r => r.Of<SlowJob>().Count == 1, TimeSpan.FromSeconds(20), "the job");
        await Task.Delay(TimeSpan.FromSeconds(17));
        Assert.That(bus.Received.Of<SlowJob>(), Has.Count.EqualTo(1), "delivered once: the lease was extended and the ack landed");
    }

    public sealed class TrackingConsumer(Received received, InFlight inFlight) : IConsumer<SlowJob>
    {
        public async Task Consume(ConsumeContext<SlowJob> context)
        {
            inFlight.Started.Enqueue(context.Message.Number);
            await Task.Delay(context.Message.Milliseconds);
            received.Add(context.Message);
        }
    }

    public sealed class InFlight
    {
        public ConcurrentQueue<int> Started { get; } = new();
    }

    public sealed class TrackingConsumerDefinition : ConsumerDefinition<TrackingConsumer>
    {
        public TrackingConsumerDefinition()
        {
            EndpointName = "tracking";
            ConcurrentMessageLimit = 2;
        }
    }

    [Test]
    public async Task Should_lose_nothing_when_stopped_with_messages_in_flight()
    {
        // Messages the stopped bus had received but not started are nacked, and with its streams closed politely the
        // emulator redelivers them at once (not after the 60 s ack deadline) to the next bus.
        var prefix = TestBus.NewPrefix();
        var received = new Received();
        var inFlight = new InFlight();
        var first = await TestBus.StartAsync(prefix, x =>
        {
            x.AddSingleton(inFlight);
            x.AddConsumer<TrackingConsumer, TrackingConsumerDefinition>();
        }, received: received);
        var endpoint = await first.Bus.GetSendEndpoint(new Uri("queue:tracking"));
        for (var i = 1; i <= 12; i++)
            await endpoint.Send(new SlowJob(Guid.NewGuid(), i, 800));

        while (inFlight.Started.Count < 2)
            await Task.Delay(20);
        await first.DisposeAsync();
        var doneByFirst = received.Of<SlowJob>().Count;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var second = await TestBus.StartAsync(prefix, x =>
        {
            x.AddSingleton(inFlight);
            x.AddConsumer<TrackingConsumer, TrackingConsumerDefinition>();
        }, received: received);
        await received.WaitFor(r => r.Of<SlowJob>().Select(j => j.Number).Distinct().Count() == 12, TimeSpan.FromSeconds(30), "all 12 jobs");

        Assert.That(doneByFirst, Is.InRange(2, 11), "the first bus finished what it had started, and stopped before the rest");
        Assert.That(received.Of<SlowJob>().Select(j => j.Number).Order(), Is.EqualTo(Enumerable.Range(1, 12)), "each job once");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "redelivered at once");
    }
}
