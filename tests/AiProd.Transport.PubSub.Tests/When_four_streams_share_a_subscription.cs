using System.Collections.Concurrent;
using AiProd.Transport.PubSub.Tests.Messages;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>
/// Four StreamingPulls a subscription (<c>StreamsPerSubscription=4</c>) feed one endpoint: the emulator spreads the
/// messages over the streams, so a message it delivers again may arrive on another stream than the first time. Each
/// message must still be consumed exactly once, and none lost.
/// </summary>
[Category("Integration")]
public sealed class When_four_streams_share_a_subscription
{
    private const int Messages = 600;

    /// <summary>Counts consumes per message number.</summary>
    public sealed class Tally
    {
        public ConcurrentDictionary<int, int> Consumed { get; } = new();

        public int Total => Consumed.Values.Sum();
    }

    public sealed class CountingConsumer(Tally tally) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            tally.Consumed.AddOrUpdate(context.Message.Number, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task Should_consume_every_message_once()
    {
        var tally = new Tally();
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x =>
        {
            x.AddSingleton(tally);
            x.AddConsumer<CountingConsumer>().Endpoint(e => e.ConcurrentMessageLimit = 16);
        }, o => o.StreamsPerSubscription = 4);
        var id = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(1, Messages).Select(i => bus.Bus.Publish(new Ping(id, i))));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (tally.Total < Messages && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        // Anything consumed twice would show up after the acks: give redeliveries time to arrive.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.That(tally.Consumed.Keys.Order(), Is.EqualTo(Enumerable.Range(1, Messages)), "every message consumed");
        Assert.That(tally.Consumed.Where(c => c.Value != 1).Select(c => c.Key), Is.Empty, "no message consumed twice");
    }
}
