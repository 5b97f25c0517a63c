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
[NonParallelizable] // a whole deployment of processes (or a timed kill): alone
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
        foreach (var topic in new[] { "render-worker", "video-saga", "AiProd.Contracts.ShotRendered", "AiProd.Contracts.VideoCompleted" })
            Assert.DoesNotThrowAsync(async () => await publisher.GetTopicAsync(new GetTopicRequest { Topic = $"projects/{Project}/topics/{prefix}{topic}" }), topic);
    }
}
