using AiProd.Transport.PubSub.Tests.Messages;
using MassTransit;

namespace AiProd.Transport.PubSub.Tests;

[Category("Integration")]
[NonParallelizable]
public sealed class When_the_emulator_restarts
{
    public sealed class PingConsumer(Received received) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            received.Add(context.Message);
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task Should_reconnect_and_process_every_message_sent_across_the_outage()
    {
        if (!PubSubEmulator.Controllable)
            Assert.Ignore("The emulator was given through PUBSUB_EMULATOR_HOST; this test only restarts one it started itself.");

        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x => x.AddConsumer<PingConsumer>());
        var endpoint = await bus.Bus.GetSendEndpoint(new Uri("queue:ping"));
        var id = Guid.NewGuid();
        for (var i = 1; i <= 10; i++)
            await endpoint.Send(new Ping(id, i));
        await bus.Received.WaitFor(r => r.Of<Ping>().Count == 10, TimeSpan.FromSeconds(30), "the first ten");

        // The emulator keeps nothing: topics and subscriptions vanish with it. Sends made while it is down retry
        // until it is back; the consumer's stream reconnects and re-creates its subscription.
        await PubSubEmulator.Kill();
        var during = Task.WhenAll(Enumerable.Range(11, 10).Select(i => endpoint.Send(new Ping(id, i))));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await PubSubEmulator.Restart();
        await during;
        for (var i = 21; i <= 30; i++)
            await endpoint.Send(new Ping(id, i));

        await bus.Received.WaitFor(r => r.Of<Ping>().Select(p => p.Number).Distinct().Count() == 30, TimeSpan.FromSeconds(60), "all thirty");
        Assert.That(bus.Received.Of<Ping>().Select(p => p.Number).Distinct().Order(), Is.EqualTo(Enumerable.Range(1, 30)));
    }
}
