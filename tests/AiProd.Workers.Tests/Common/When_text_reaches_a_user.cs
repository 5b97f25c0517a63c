using AiProd.Contracts;
using AiProd.Workers.Common;
using AiProd.Workers.Delivery;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Tests.Common;

/// <summary>No absolute server path reaches a user: not in step failures, not in fault messages, not in manifests.</summary>
public sealed class When_text_reaches_a_user
{
    private const string Video = "0f8fad5bd9cb469fa16570867728950e";

    [TestCase($"could not open file:///srv/aiprod/data/assets/{Video}/shots/s01-a1.mp4 for reading", $"could not open local:{Video}/shots/s01-a1.mp4 for reading")]
    [TestCase($"Could not find file '/srv/aiprod/data/assets/{Video}/composed-a1.mp4'.", $"Could not find file 'local:{Video}/composed-a1.mp4'.")]
    [TestCase($"Access to the path '/var/lib/aiprod/{Video}/.work/render-s01-a1/ab12/x.mp4' is denied.", "Access to the path 'x.mp4' is denied.")]
    [TestCase(@"Could not find a part of the path 'C:\data\assets\clip.mp4'.", "Could not find a part of the path 'clip.mp4'.")]
    [TestCase("No space left on device : '/tmp/aiprod/asset-cache/work/'", "No space left on device : '<path>'")]
    [TestCase("Invalid frame size 16:9 for -vf scale=1280/2:-2", "Invalid frame size 16:9 for -vf scale=1280/2:-2")]
    [TestCase("could not download https://cdn.example.com/outputs/a/b/video.mp4: 403", "could not download https://cdn.example.com/outputs/a/b/video.mp4: 403")]
    [TestCase("stored at gs://bucket/videos/x/video.mp4", "stored at gs://bucket/videos/x/video.mp4")]
    public void Should_replace_server_paths_with_portable_names(string text, string shown) =>
        Assert.That(UserText.Scrub(text), Is.EqualTo(shown));

    /// <summary>A step whose code throws what .NET throws for a missing file: the exception's message names the path.</summary>
    public sealed class ThrowingQa(ILogger<ThrowingQa> logger) : VideoStepConsumer<RunTechnicalQa>(logger)
    {
        protected override Task Handle(ConsumeContext<RunTechnicalQa> context) =>
            throw new FileNotFoundException($"Could not find file '/srv/aiprod/data/assets/{Video}/composed-a1.mp4'.");
    }

    /// <summary>A step failure whose message quotes a path, as a tool's error would.</summary>
    public sealed class FailingQa(ILogger<FailingQa> logger) : VideoStepConsumer<RunSemanticQa>(logger)
    {
        protected override Task Handle(ConsumeContext<RunSemanticQa> context) =>
            throw new StepException(VideoStages.QaSemantic, "keyframes_failed", "ffmpeg could not read /srv/aiprod/tmp/aiprod-keyframes-1/0.jpg", retryable: true);
    }

    [Test]
    public async Task Should_keep_paths_out_of_fault_and_failure_messages()
    {
        await using var provider = new ServiceCollection().AddLogging().AddMassTransitTestHarness(x =>
        {
            x.AddConsumer<ThrowingQa>();
            x.AddConsumer<FailingQa>();
        }).BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var request = new VideoRequest("x");
        await harness.Bus.Publish(new RunTechnicalQa(Guid.NewGuid(), 1, $"local:{Video}/composed-a1.mp4", request, []));
        await harness.Bus.Publish(new RunSemanticQa(Guid.NewGuid(), 1, $"local:{Video}/composed-a1.mp4", request, null!, [], []));

        Assert.That(await harness.Published.Any<Fault<RunTechnicalQa>>(), Is.True);
        Assert.That(await harness.Published.Any<StepFailed>(), Is.True);
        var fault = harness.Published.Select<Fault<RunTechnicalQa>>().Single().Context.Message;
        var failed = harness.Published.Select<StepFailed>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(fault.Exceptions[0].Message, Is.EqualTo($"Could not find file 'local:{Video}/composed-a1.mp4'."), "the saga shows this as worker_fault");
            Assert.That(failed.Message, Is.EqualTo("ffmpeg could not read 0.jpg"));
        });
    }

    [Test]
    public void Should_keep_paths_out_of_the_manifest_but_leave_the_prompt_as_written()
    {
        var manifest = new VideoManifest(
            Guid.Parse(Video), new VideoRequest("Draw /usr/share/fonts/x on a sign"), null, null, null, [],
            [new RenderedShot("s01", $"local:{Video}/shots/s01-a1.mp4", 2, "local", 0.002m, 1)
            {
                Attempts = [new RenderAttempt("veo3", RenderAttempt.Failed, "output_corrupt", $"could not decode file:///srv/aiprod/data/assets/{Video}/.work/a/output.mp4", 3.2m, 4)],
            }],
            null, 3.202m, null, null,
            [new StageRecord(VideoStages.Render, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "render_failed: ffmpeg wrote /srv/aiprod/data/assets/x/y.mp4")],
            DateTimeOffset.UnixEpoch);

        var json = System.Text.Encoding.UTF8.GetString(AssetStoreDelivery.ManifestBytes(manifest));

        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Not.Contain("/srv/aiprod").And.Not.Contain("file://"));
            Assert.That(json, Does.Contain("could not decode output.mp4").And.Contain("ffmpeg wrote y.mp4"));
            Assert.That(json, Does.Contain("Draw /usr/share/fonts/x on a sign"), "what the user wrote is theirs");
        });
    }
}
