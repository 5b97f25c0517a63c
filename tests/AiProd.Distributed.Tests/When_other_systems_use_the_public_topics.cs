using System.Text.Json;
using Grpc.Core;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>
/// One deployment: first its orchestrator alone (the public topics must exist before any event), then every other
/// role, and one video asked for by another system in plain JSON on the public topic.
/// </summary>
[Category("EndToEnd")]
[Category("Integration")]
[NonParallelizable] // a whole deployment of processes (or a timed kill): alone
public sealed class When_other_systems_use_the_public_topics
{
    private static readonly string[] Topics = ["AiProd.Contracts.GenerateVideo", "AiProd.Contracts.VideoStateChanged", "AiProd.Contracts.VideoCompleted", "AiProd.Contracts.VideoFailed"];

    private Deployment _deployment = null!;
    private readonly Dictionary<string, string?> _missingOnAFreshDeployment = [];

    [OneTimeSetUp]
    public async Task StartTheOrchestratorAloneThenTheRest()
    {
        _deployment = new Deployment();
        await _deployment.StartAsync(ServiceRole.Orchestrator);

        // The documented `gcloud pubsub subscriptions create … --topic=AiProd.Contracts.VideoCompleted` works at once.
        foreach (var topic in Topics)
        {
            try
            {
                await using (await PublicTopicListener.StartAsync(_deployment, topic))
                    _missingOnAFreshDeployment[topic] = null;
            }
            catch (RpcException e)
            {
                _missingOnAFreshDeployment[topic] = e.Status.Detail;
            }
        }

        await Task.WhenAll(ServiceRole.Pipeline.Where(role => role != ServiceRole.Orchestrator).Append(ServiceRole.Gateway).Select(role => _deployment.StartAsync(role)));
    }

    [OneTimeTearDown]
    public async Task StopDeployment()
    {
        if (_deployment is not null)
            await _deployment.DisposeAsync();
    }

    [Test]
    public void Should_find_the_public_topics_on_a_fresh_deployment_before_any_event()
    {
        Assert.That(_missingOnAFreshDeployment.Keys, Is.EquivalentTo(Topics));
        Assert.That(_missingOnAFreshDeployment.Where(t => t.Value is not null), Is.Empty, "a subscription to each could be made at once");
    }

    [Test]
    public async Task Should_run_a_plain_json_generate_video_and_publish_plain_json_events()
    {
        var deployment = _deployment;
        await using var completed = await PublicTopicListener.StartAsync(deployment, "AiProd.Contracts.VideoCompleted");
        var videoId = Guid.NewGuid();

        await PublicTopicListener.PublishAsync(deployment, "AiProd.Contracts.GenerateVideo", $$"""
            { "videoId": "{{videoId}}",
              "request": { "prompt": "A red kite over green hills", "durationSeconds": 3, "aspectRatio": "16:9",
                           "resolution": "720p", "budgetUsd": 1.00, "frameRate": 24 } }
            """);
        var message = await completed.NextAsync(TimeSpan.FromMinutes(3));

        using var body = JsonDocument.Parse(message.Message.Data.ToStringUtf8());
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.GetProperty("videoId").GetGuid(), Is.EqualTo(videoId));
            Assert.That(body.RootElement.GetProperty("durationSeconds").GetDouble(), Is.EqualTo(3.0).Within(0.2));
            Assert.That(body.RootElement.TryGetProperty("message", out _), Is.False, "a plain body, not MassTransit's envelope");
            Assert.That(body.RootElement.GetProperty("actualCostUsd").ValueKind, Is.EqualTo(JsonValueKind.Number), "money is a JSON number");
            Assert.That(body.RootElement.GetProperty("estimatedCostUsd").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(body.RootElement.GetProperty("assetUri").GetString(), Does.StartWith("gs://"), "a portable Cloud Storage URI");
            Assert.That(body.RootElement.GetProperty("downloadUrl").GetString(), Does.StartWith("https://storage.googleapis.com/"), "and its HTTPS link");
            Assert.That(message.Message.Attributes["Content-Type"], Is.EqualTo("application/json"));
            Assert.That(message.Message.Attributes["MT-MessageType"], Does.Contain("urn:message:AiProd.Contracts:VideoCompleted"));
            Assert.That(message.Message.OrderingKey, Is.EqualTo(videoId.ToString()));
        });
        var status = await deployment.StatusAsync(videoId);
        Assert.That(status?.GetProperty("state").GetString(), Is.EqualTo("Complete"));
    }
}
