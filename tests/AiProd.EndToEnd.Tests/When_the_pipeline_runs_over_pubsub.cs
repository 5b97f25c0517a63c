using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Testing;
using AiProd.Transport.PubSub.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The same pipeline with Bus:Transport=PubSub: every command and event crosses the Pub/Sub emulator, and other
/// systems talk to it with plain Pub/Sub clients and plain JSON.
/// </summary>
[Category("EndToEnd")]
[Category("Integration")]
public sealed class When_the_pipeline_runs_over_pubsub
{
    private const string Project = "aiprod-e2e";
    private PubSubEmulatorProcess? _emulator;
    private string _dir = null!;
    private GrpcChannel _channel = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _emulator = await PubSubEmulatorProcess.StartAsync(Assert.Ignore);
        _dir = Directory.CreateTempSubdirectory("aiprod-pubsub-").FullName;
        _channel = GrpcChannel.ForAddress($"http://{_emulator!.Host}");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _channel.Dispose();
        if (_emulator is not null)
            await _emulator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Dictionary<string, string> PubSub(string prefix) => new()
    {
        ["Bus__Transport"] = "PubSub",
        ["PubSub__ProjectId"] = Project,
        ["PubSub__NamePrefix"] = prefix,
        ["PUBSUB_EMULATOR_HOST"] = _emulator!.Host,
    };

    [Test]
    public async Task Should_make_a_checked_mp4_with_every_stage_talking_over_the_emulator()
    {
        var prefix = $"cli{Guid.NewGuid():N}"[..11] + ".";
        var output = Path.Combine(_dir, "pubsub.mp4");

        var run = await CliRunner.RunAsync(PubSub(prefix), "generate", "A lighthouse at dusk, waves crashing on the rocks", "--duration", "4",
            "--out", output, "--assets", Path.Combine(_dir, "cli-assets"));

        Assert.That(run.ExitCode, Is.Zero, $"stdout:\n{run.Output}\nstderr:\n{run.Error}");
        var probe = await Probe.ReadAsync(output);
        Assert.That(probe.Duration, Is.EqualTo(4.0).Within(0.2));
        Assert.That(run.Output, Does.Contain("Technical QA: passed"));
        var publisher = new Publisher.PublisherClient(_channel);
        foreach (var topic in new[] { "AiProd.Contracts.RenderShot", "AiProd.Contracts.ShotRendered", "AiProd.Contracts.VideoCompleted", "render-shot" })
            Assert.DoesNotThrowAsync(async () => await publisher.GetTopicAsync(new GetTopicRequest { Topic = $"projects/{Project}/topics/{prefix}{topic}" }), topic);
    }

    [Test]
    public async Task Should_run_a_plain_json_generate_video_from_any_client_and_publish_plain_json_events()
    {
        var prefix = $"gw{Guid.NewGuid():N}"[..10] + ".";
        await using var gateway = await GatewayProcess.StartAsync(_dir, PubSub(prefix),
            "--Saga:ConnectionString", $"Data Source={Path.Combine(_dir, prefix + "db")}");
        // What another system does with any Pub/Sub client: subscribe to the documented topic, publish JSON.
        var completed = await SubscribeAsync(prefix, "AiProd.Contracts.VideoCompleted");
        var videoId = Guid.NewGuid();
        await PublishAsync(prefix, "AiProd.Contracts.GenerateVideo", $$"""
            { "videoId": "{{videoId}}",
              "request": { "prompt": "A red kite over green hills", "durationSeconds": 3, "aspectRatio": "16:9",
                           "resolution": "720p", "budgetUsd": 1.00, "frameRate": 24 } }
            """);

        var message = await PullAsync(completed, TimeSpan.FromSeconds(180));

        using var body = JsonDocument.Parse(message.Message.Data.ToStringUtf8());
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.GetProperty("videoId").GetGuid(), Is.EqualTo(videoId));
            Assert.That(body.RootElement.GetProperty("durationSeconds").GetDouble(), Is.EqualTo(3.0).Within(0.2));
            Assert.That(body.RootElement.TryGetProperty("message", out _), Is.False, "a plain body, not MassTransit's envelope");
            Assert.That(message.Message.Attributes["Content-Type"], Is.EqualTo("application/json"));
            Assert.That(message.Message.Attributes["MT-MessageType"], Does.Contain("urn:message:AiProd.Contracts:VideoCompleted"));
            Assert.That(message.Message.OrderingKey, Is.EqualTo(videoId.ToString()));
        });
        using var http = new HttpClient { BaseAddress = gateway.Address };
        var status = await http.GetFromJsonAsync<JsonElement>($"/v1/videos/{videoId}");
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("Complete"));
    }

    private async Task<string> SubscribeAsync(string prefix, string topic)
    {
        var topicPath = $"projects/{Project}/topics/{prefix}{topic}";
        var subscription = $"projects/{Project}/subscriptions/{prefix}test-listener";
        try
        {
            await new Publisher.PublisherClient(_channel).CreateTopicAsync(new Topic { Name = topicPath });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
        }

        await new Subscriber.SubscriberClient(_channel).CreateSubscriptionAsync(new Subscription { Name = subscription, Topic = topicPath, AckDeadlineSeconds = 60 });
        return subscription;
    }

    private async Task PublishAsync(string prefix, string topic, string json)
    {
        var request = new PublishRequest { Topic = $"projects/{Project}/topics/{prefix}{topic}" };
        request.Messages.Add(new PubsubMessage { Data = ByteString.CopyFromUtf8(json) });
        await new Publisher.PublisherClient(_channel).PublishAsync(request);
    }

    private async Task<ReceivedMessage> PullAsync(string subscription, TimeSpan timeout)
    {
        var subscriber = new Subscriber.SubscriberClient(_channel);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var response = await subscriber.PullAsync(new PullRequest { Subscription = subscription, MaxMessages = 1 }, deadline: DateTime.UtcNow.AddSeconds(5));
                if (response.ReceivedMessages.Count > 0)
                    return response.ReceivedMessages[0];
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
            {
            }
        }

        Assert.Fail($"Nothing arrived on {subscription} within {timeout.TotalSeconds} s.");
        return null!;
    }
}
