using AiProd.Transport.PubSub.Tests.Messages;
using MassTransit;

namespace AiProd.Transport.PubSub.Tests;

[Category("Integration")]
public sealed class When_a_fault_is_published
{
    public sealed class BreakingConsumer : IConsumer<Breaks>
    {
        public Task Consume(ConsumeContext<Breaks> context) => throw new InvalidOperationException("cannot do it");
    }

    /// <summary>Like the video saga, which handles Fault&lt;IVideoMessage&gt; for every command.</summary>
    public sealed class AnyJobFaultConsumer(Received received) : IConsumer<Fault<IJobMessage>>
    {
        public Task Consume(ConsumeContext<Fault<IJobMessage>> context)
        {
            received.Add(context.Message);
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task Should_reach_a_consumer_of_the_fault_of_an_interface_the_message_implements()
    {
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x =>
        {
            x.AddConsumer<BreakingConsumer>();
            x.AddConsumer<AnyJobFaultConsumer>();
        });
        var id = Guid.NewGuid();

        await bus.Bus.Publish(new Breaks(id));

        await bus.Received.WaitFor(r => r.Of<Fault<IJobMessage>>().Count == 1, TimeSpan.FromSeconds(30), "the fault");
        var fault = bus.Received.Of<Fault<IJobMessage>>().Single();
        Assert.That(fault.Message.CorrelationId, Is.EqualTo(id));
        Assert.That(fault.Exceptions.Single().Message, Is.EqualTo("cannot do it"));
    }
}
