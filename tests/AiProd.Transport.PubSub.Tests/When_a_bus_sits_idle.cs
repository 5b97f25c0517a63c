using System.Diagnostics;
using AiProd.Transport.PubSub.Configuration;
using AiProd.Transport.PubSub.Tests.Messages;
using AiProd.Transport.PubSub.Transport;
using MassTransit;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>
/// gRPC servers allow a client one HTTP/2 ping per 5 minutes while they send nothing; the third early one makes them
/// close the connection (GOAWAY ENHANCE_YOUR_CALM, every stream fails with RESOURCE_EXHAUSTED), and the emulator then
/// keeps the dead streams registered.
/// </summary>
public sealed class When_a_bus_sits_idle
{
    [Test]
    public void Should_ping_no_more_often_than_grpc_servers_allow()
    {
        using var handler = PubSubChannel.CreateHandler();

        Assert.Multiple(() =>
        {
            Assert.That(handler.KeepAlivePingDelay, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(handler.KeepAlivePingPolicy, Is.EqualTo(HttpKeepAlivePingPolicy.WithActiveRequests));
        });
    }

    public sealed class OrderConsumer(Received received) : IConsumer<Order>
    {
        public Task Consume(ConsumeContext<Order> context)
        {
            received.Add(context.Message);
            return Task.CompletedTask;
        }
    }

    public sealed class OrderConsumerDefinition : ConsumerDefinition<OrderConsumer>
    {
        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<OrderConsumer> consumer, IRegistrationContext context)
        {
            if (endpoint is IPubSubReceiveEndpointConfigurator pubsub)
                pubsub.EnableMessageOrdering = true;
        }
    }

    /// <summary>Takes over two minutes (the emulator's ping allowance is slow to run out), so it runs only on request.</summary>
    [Test]
    [Explicit("Waits 2 minutes idle; run with --filter Name~Should_consume_every_key_after_two_idle_minutes")]
    [Category("Integration")]
    public async Task Should_consume_every_key_after_two_idle_minutes()
    {
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x => x.AddConsumer<OrderConsumer, OrderConsumerDefinition>());
        await bus.Bus.Publish(new Order(Guid.NewGuid(), 0));
        await bus.Received.WaitFor(r => r.Of<Order>().Count == 1, TimeSpan.FromSeconds(30), "the first order");

        await Task.Delay(TimeSpan.FromMinutes(2));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => bus.Bus.Publish(new Order(Guid.NewGuid(), i))));

        await bus.Received.WaitFor(r => r.Of<Order>().Count == 21, TimeSpan.FromSeconds(30), "twenty orders of twenty keys");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }
}
