using AiProd.Transport.PubSub.Tests.Messages;
using MassTransit;

namespace AiProd.Transport.PubSub.Tests;

[Category("Integration")]
public sealed class When_messages_are_published_and_sent
{
    public sealed class PingConsumer(Received received) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            received.Add(context.Message);
            return Task.CompletedTask;
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task Should_deliver_every_published_message_to_the_consumer(int streams)
    {
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x => x.AddConsumer<PingConsumer>(), o => o.StreamsPerSubscription = streams);
        var id = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => bus.Bus.Publish(new Ping(id, i))));

        await bus.Received.WaitFor(r => r.Of<Ping>().Count >= 50, TimeSpan.FromSeconds(30), "50 pings");
        Assert.That(bus.Received.Of<Ping>().Select(p => p.Number).Order(), Is.EqualTo(Enumerable.Range(1, 50)));
    }

    [Test]
    public async Task Should_deliver_a_message_sent_to_the_endpoint_address()
    {
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x => x.AddConsumer<PingConsumer>());
        var endpoint = await bus.Bus.GetSendEndpoint(new Uri("queue:ping"));

        await endpoint.Send(new Ping(Guid.NewGuid(), 7));

        await bus.Received.WaitFor(r => r.Of<Ping>().Count == 1, TimeSpan.FromSeconds(30), "the sent ping");
        Assert.That(bus.Received.Of<Ping>().Single().Number, Is.EqualTo(7));
    }
}
