using AiProd.Transport.PubSub.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>
/// What another system does with any Pub/Sub client: subscribes to one of the documented public topics and pulls
/// plain JSON, or publishes plain JSON onto one. Raw gRPC, no MassTransit.
/// </summary>
internal sealed class PublicTopicListener : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly string _subscription;

    private PublicTopicListener(GrpcChannel channel, string subscription)
    {
        _channel = channel;
        _subscription = subscription;
    }

    /// <summary>
    /// Subscribes to <paramref name="topic"/> (without the deployment's prefix), which must exist already unless
    /// <paramref name="createTopic"/> (after an emulator restart, before any service has created it again).
    /// </summary>
    public static async Task<PublicTopicListener> StartAsync(Deployment deployment, string topic, bool createTopic = false)
    {
        var channel = GrpcChannel.ForAddress($"http://{Emulators.PubSub.Host}");
        if (createTopic)
        {
            try
            {
                await new Publisher.PublisherClient(channel).CreateTopicAsync(new Topic { Name = TopicPath(deployment, topic) });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
            }
        }

        var subscription = $"projects/{Emulators.Project}/subscriptions/{deployment.Prefix}listener-{Guid.NewGuid():N}";
        await new Subscriber.SubscriberClient(channel).CreateSubscriptionAsync(new Subscription
        {
            Name = subscription,
            Topic = TopicPath(deployment, topic),
            AckDeadlineSeconds = 60,
        });
        return new PublicTopicListener(channel, subscription);
    }

    public static string TopicPath(Deployment deployment, string topic) => $"projects/{Emulators.Project}/topics/{deployment.Prefix}{topic}";

    /// <summary>Publishes a plain JSON body on <paramref name="topic"/>, with no attributes at all.</summary>
    public static async Task PublishAsync(Deployment deployment, string topic, string json)
    {
        using var channel = GrpcChannel.ForAddress($"http://{Emulators.PubSub.Host}");
        var request = new PublishRequest { Topic = TopicPath(deployment, topic) };
        request.Messages.Add(new PubsubMessage { Data = ByteString.CopyFromUtf8(json) });
        await new Publisher.PublisherClient(channel).PublishAsync(request);
    }

    /// <summary>Every message body that arrives until nothing more came for <paramref name="quiet"/>.</summary>
    public async Task<List<string>> CollectAsync(TimeSpan quiet) => [.. (await CollectMessagesAsync(quiet)).Select(m => m.Data.ToStringUtf8())];

    /// <summary>Every message (body and attributes, <c>MessageId</c> among them) that arrives until nothing more came for <paramref name="quiet"/>.</summary>
    public async Task<List<PubsubMessage>> CollectMessagesAsync(TimeSpan quiet)
    {
        var messages = new List<PubsubMessage>();
        var subscriber = new Subscriber.SubscriberClient(_channel);
        var until = DateTime.UtcNow + quiet;
        while (DateTime.UtcNow < until)
        {
            var batch = await PullAsync(subscriber, TimeSpan.FromSeconds(2));
            if (batch.Count == 0)
                continue;
            messages.AddRange(batch.Select(m => m.Message));
            until = DateTime.UtcNow + quiet;
        }

        return messages;
    }

    /// <summary>The first message that arrives within <paramref name="timeout"/>.</summary>
    public async Task<ReceivedMessage> NextAsync(TimeSpan timeout)
    {
        var subscriber = new Subscriber.SubscriberClient(_channel);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var batch = await PullAsync(subscriber, TimeSpan.FromSeconds(5));
            if (batch.Count > 0)
                return batch[0];
        }

        Assert.Fail($"Nothing arrived on {_subscription} within {timeout.TotalSeconds:0} s.");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await new Subscriber.SubscriberClient(_channel).DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Subscription = _subscription });
        }
        catch (RpcException)
        {
        }

        _channel.Dispose();
    }

    private async Task<List<ReceivedMessage>> PullAsync(Subscriber.SubscriberClient subscriber, TimeSpan wait)
    {
        try
        {
            var response = await subscriber.PullAsync(new PullRequest { Subscription = _subscription, MaxMessages = 100 }, deadline: DateTime.UtcNow + wait);
            if (response.ReceivedMessages.Count > 0)
            {
                var ack = new AcknowledgeRequest { Subscription = _subscription };
                ack.AckIds.AddRange(response.ReceivedMessages.Select(m => m.AckId));
                await subscriber.AcknowledgeAsync(ack);
            }

            return [.. response.ReceivedMessages];
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            return [];
        }
    }
}
