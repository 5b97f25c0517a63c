using System.Diagnostics;
using AiProd.Transport.PubSub.Configuration;
using AiProd.Transport.PubSub.Tests.Messages;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>
/// Two replicas of one worker consume the same subscriptions; one stops. The emulator hands each ordering key of an
/// ordered subscription to one of the streams it knows; a stream the stopping replica left registered would keep its
/// share of the keys, and nobody would receive them.
/// </summary>
[Category("Integration")]
public sealed class When_a_consumer_of_a_shared_subscription_stops
{
    public sealed class WorkConsumer(Received received) : IConsumer<SlowJob>
    {
        public async Task Consume(ConsumeContext<SlowJob> context)
        {
            await Task.Delay(context.Message.Milliseconds);
            received.Add(context.Message);
        }
    }

    public sealed class WorkConsumerDefinition : ConsumerDefinition<WorkConsumer>
    {
        public WorkConsumerDefinition()
        {
            EndpointName = "shared-work";
            ConcurrentMessageLimit = 4;
        }

        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<WorkConsumer> consumer, IRegistrationContext context)
        {
            if (endpoint is IPubSubReceiveEndpointConfigurator pubsub && context.GetService(typeof(Ordering)) is Ordering { Ordered: true })
                pubsub.EnableMessageOrdering = true;
        }
    }

    public sealed record Ordering(bool Ordered);

    [TestCase(true)]
    [TestCase(false)]
    public async Task Should_let_the_other_consumer_go_on_at_once(bool ordered)
    {
        var prefix = TestBus.NewPrefix();
        var first = new Received();
        var second = new Received();
        Action<IBusRegistrationConfigurator> register = x =>
        {
            x.AddSingleton(new Ordering(ordered));
            x.AddConsumer<WorkConsumer, WorkConsumerDefinition>();
        };
        var stopping = await TestBus.StartAsync(prefix, register, received: first);
        await using var remaining = await TestBus.StartAsync(prefix, register, received: second);

        for (var i = 1; i <= 10; i++)
            await remaining.Bus.Publish(new SlowJob(Guid.NewGuid(), i, 50));
        await second.WaitFor(_ => first.Of<SlowJob>().Count + second.Of<SlowJob>().Count == 10, TimeSpan.FromSeconds(30), "the first ten jobs on either consumer");
        await stopping.DisposeAsync();

        // Twenty new ordering keys: with a stream of the stopped consumer still registered, about half would go nowhere.
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(11, 20).Select(i => remaining.Bus.Publish(new SlowJob(Guid.NewGuid(), i, 50))));

        await second.WaitFor(r => r.Of<SlowJob>().Count(j => j.Number > 10) == 20, TimeSpan.FromSeconds(15), "the twenty jobs published after the stop");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "promptly, not after an ack deadline");
        Assert.That(second.Of<SlowJob>().Where(j => j.Number > 10).Select(j => j.Number).Order(), Is.EqualTo(Enumerable.Range(11, 20)));
    }
}
