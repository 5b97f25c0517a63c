using AiProd.Transport.PubSub.Tests.Messages;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>
/// Pub/Sub is at-least-once: it may deliver a message again while a consumer still works on it (here forced with a
/// Seek, which makes every unacked message deliverable at once). The second delivery must be settled with the first,
/// not consumed twice, and not left leased with nobody to ack it.
/// </summary>
[Category("Integration")]
public sealed class When_pubsub_delivers_a_held_message_again
{
    public sealed class JobConsumer(Received received) : IConsumer<SlowJob>
    {
        public async Task Consume(ConsumeContext<SlowJob> context)
        {
            received.Add(context.Message.Number);
            await Task.Delay(context.Message.Milliseconds);
            received.Add(context.Message);
        }
    }

    [Test]
    public async Task Should_consume_it_once()
    {
        var prefix = TestBus.NewPrefix();
        var first = await TestBus.StartAsync(prefix, x => x.AddConsumer<JobConsumer>());
        var subscription = first.Bus.GetPubSubTopology().Endpoints.Single(e => e.Name == "job").MessageSubscriptions.Single().SubscriptionId;
        await first.Bus.Publish(new SlowJob(Guid.NewGuid(), 1, 4_000));
        await first.Received.WaitFor(r => r.Of<int>().Count == 1, TimeSpan.FromSeconds(30), "the job to start");

        await SeekToAMinuteAgo(subscription);
        await first.Received.WaitFor(r => r.Of<SlowJob>().Count == 1, TimeSpan.FromSeconds(30), "the job to finish");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.That(first.Received.Of<int>(), Has.Count.EqualTo(1), "started once, though delivered twice");

        // Acked for good: the stop hands nothing back to the next consumer.
        await first.DisposeAsync();
        await using var second = await TestBus.StartAsync(prefix, x => x.AddConsumer<JobConsumer>());
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.That(second.Received.All, Is.Empty, "the message was acked");
    }

    /// <summary>Fails its first attempt after a while; with faults rethrown, the transport nacks it.</summary>
    public sealed class FailOnceConsumer(Received received) : IConsumer<SlowJob>
    {
        public async Task Consume(ConsumeContext<SlowJob> context)
        {
            received.Add(context.Message.Number);
            await Task.Delay(context.Message.Milliseconds);
            if (received.Of<int>().Count == 1)
                throw new InvalidOperationException("first attempt fails");
            received.Add(context.Message);
        }
    }

    public sealed class FailOnceConsumerDefinition : ConsumerDefinition<FailOnceConsumer>
    {
        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<FailOnceConsumer> consumer, IRegistrationContext context) =>
            endpoint.RethrowFaultedMessages();
    }

    [Test]
    public async Task Should_consume_it_again_when_the_first_attempt_hands_it_back()
    {
        // Before, MassTransit took the second delivery for a dupe of the first and kept it; once the first attempt
        // was nacked, every later delivery was a dupe of that one, and the message was stuck for the lease's hour.
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x => x.AddConsumer<FailOnceConsumer, FailOnceConsumerDefinition>());
        var subscription = bus.Bus.GetPubSubTopology().Endpoints.Single(e => e.Name == "fail-once").MessageSubscriptions.Single().SubscriptionId;
        await bus.Bus.Publish(new SlowJob(Guid.NewGuid(), 1, 2_000));
        await bus.Received.WaitFor(r => r.Of<int>().Count == 1, TimeSpan.FromSeconds(30), "the first attempt");

        await SeekToAMinuteAgo(subscription);

        await bus.Received.WaitFor(r => r.Of<SlowJob>().Count == 1, TimeSpan.FromSeconds(15), "the second attempt to succeed");
        Assert.That(bus.Received.Of<int>(), Has.Count.EqualTo(2), "one attempt per hand-back, the redelivery during the first merged into it");
    }

    /// <summary>Seek is not in the transport's protocol subset; a raw unary call is enough.</summary>
    private static async Task SeekToAMinuteAgo(string subscriptionId)
    {
        using var body = new MemoryStream();
        var output = new CodedOutputStream(body);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteString($"projects/{PubSubEmulator.ProjectId}/subscriptions/{subscriptionId}");
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteMessage(Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-1)));
        output.Flush();

        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var seek = new Method<byte[], byte[]>(MethodType.Unary, "google.pubsub.v1.Subscriber", "Seek", bytes, bytes);
        using var channel = GrpcChannel.ForAddress($"http://{PubSubEmulator.Host}");
        await channel.CreateCallInvoker().AsyncUnaryCall(seek, null, new CallOptions(), body.ToArray());
    }
}
