using AiProd.Transport.PubSub.Tests.Messages;
using AiProd.Transport.PubSub.V1;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;

namespace AiProd.Transport.PubSub.Tests;

[Category("Integration")]
public sealed class When_a_consumer_fails_or_nobody_consumes
{
    public sealed class ExplodingConsumer(Received received) : IConsumer<Explode>
    {
        public Task Consume(ConsumeContext<Explode> context)
        {
            received.Add(context.Message);
            throw new InvalidOperationException($"boom: {context.Message.Reason}");
        }
    }

    public sealed class ExplodingConsumerDefinition : ConsumerDefinition<ExplodingConsumer>
    {
        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<ExplodingConsumer> consumer,
            IRegistrationContext context) => endpoint.UseMessageRetry(r => r.Immediate(2));
    }

    [Test]
    public async Task Should_retry_then_move_the_message_to_the_error_subscription_with_the_fault()
    {
        var prefix = TestBus.NewPrefix();
        await using var bus = await TestBus.StartAsync(prefix, x => x.AddConsumer<ExplodingConsumer, ExplodingConsumerDefinition>());
        var id = Guid.NewGuid();

        await bus.Bus.Publish(new Explode(id, "on purpose"));

        await bus.Received.WaitFor(r => r.Of<Explode>().Count >= 3, TimeSpan.FromSeconds(30), "three attempts");
        var moved = await PullOne($"{prefix}exploding_error", TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(bus.Received.Of<Explode>(), Has.Count.EqualTo(3), "first attempt plus two retries");
            Assert.That(moved.Message.Data.ToStringUtf8(), Does.Contain(id.ToString()));
            Assert.That(moved.Message.Attributes["MT-Fault-Message"], Does.Contain("boom: on purpose"));
            Assert.That(moved.Message.Attributes["MT-Fault-ExceptionType"], Does.Contain("InvalidOperationException"));
        });
    }

    public sealed class PingOnlyConsumer(Received received) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            received.Add(context.Message);
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task Should_move_a_message_no_consumer_takes_to_the_skipped_subscription()
    {
        var prefix = TestBus.NewPrefix();
        await using var bus = await TestBus.StartAsync(prefix, x => x.AddConsumer<PingOnlyConsumer>());
        var endpoint = await bus.Bus.GetSendEndpoint(new Uri("queue:ping-only"));
        var id = Guid.NewGuid();

        await endpoint.Send(new Unwanted(id));
        await endpoint.Send(new Ping(id, 1));

        await bus.Received.WaitFor(r => r.Of<Ping>().Count == 1, TimeSpan.FromSeconds(30), "the ping");
        var skipped = await PullOne($"{prefix}ping-only_skipped", TimeSpan.FromSeconds(30));
        Assert.That(skipped.Message.Attributes["MT-MessageType"], Does.Contain("Unwanted"));
        Assert.That(skipped.Message.Data.ToStringUtf8(), Does.Contain(id.ToString()));
    }

    /// <summary>Reads the moved message with a plain gRPC pull, as an operator's tool would.</summary>
    internal static async Task<ReceivedMessage> PullOne(string subscriptionId, TimeSpan timeout)
    {
        using var channel = GrpcChannel.ForAddress($"http://{PubSubEmulator.Host}");
        var subscriber = new Subscriber.SubscriberClient(channel);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                // return_immediately is deprecated but honoured by the emulator; without it an empty pull blocks for seconds.
#pragma warning disable CS0612
                var response = await subscriber.PullAsync(new PullRequest
                {
                    Subscription = $"projects/{PubSubEmulator.ProjectId}/subscriptions/{subscriptionId}",
                    MaxMessages = 1,
                    ReturnImmediately = true,
                });
#pragma warning restore CS0612
                if (response.ReceivedMessages.Count > 0)
                    return response.ReceivedMessages[0];
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail($"Nothing arrived on {subscriptionId} within {timeout.TotalSeconds} s.");
        return null!;
    }
}
