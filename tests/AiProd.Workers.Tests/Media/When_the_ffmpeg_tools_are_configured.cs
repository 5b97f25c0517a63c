using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Render;
using AiProd.Workers.Tests.Consumers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// Every ffmpeg and ffprobe run — rendering, composing, QA, probes — starts the executables <c>Media:FfmpegPath</c> and
/// <c>Media:FfprobePath</c> name (here wrappers with other names, in a folder that is not on PATH, which log each call);
/// a missing one is a clear step failure and an unhealthy start-up check naming the setting, never a crash.
/// </summary>
[Category("Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class When_the_ffmpeg_tools_are_configured
{
    private string _folder = null!;

    [SetUp]
    public void MakeWrappers()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-tools-").FullName;
        foreach (var (name, real) in new[] { ("our-ffmpeg", "ffmpeg"), ("our-ffprobe", "ffprobe") })
        {
            var script = Path.Combine(_folder, name);
            File.WriteAllText(script, $"#!/bin/sh\necho \"$0\" >> '{Path.Combine(_folder, "calls.log")}'\nexec {real} \"$@\"\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [TearDown]
    public void RemoveWrappers() => Directory.Delete(_folder, recursive: true);

    private string[] Calls() => File.Exists(Path.Combine(_folder, "calls.log")) ? File.ReadAllLines(Path.Combine(_folder, "calls.log")) : [];

    private static Shot AShot(string id, int order) => new(
        id, order, 0, "a lighthouse beam sweeping over the sea", "wide", "pan right", "cut", ["start", "middle", "end"], 1,
        new ShotSpec(640, 360, 24, "#d08040", "#203050", 0.7, 0.5, "waves", ""));

    [Test]
    public async Task Should_render_compose_and_probe_with_the_configured_executables()
    {
        var options = Options.Create(new MediaOptions { FfmpegPath = Path.Combine(_folder, "our-ffmpeg"), FfprobePath = Path.Combine(_folder, "our-ffprobe") });
        var tool = new MediaTool(options, NullLogger<MediaTool>.Instance);
        var probe = new MediaProbe(tool);
        var encoder = new FfmpegEncoder(tool, NullLogger<FfmpegEncoder>.Instance);
        var renderer = new LocalShotRenderer(encoder, Options.Create(new RenderOptions()), NullLogger<LocalShotRenderer>.Instance);
        var composer = new FfmpegVideoComposer(encoder, probe, new AiProd.Workers.Render.Narration.EspeakTextToSpeech(tool), Options.Create(new RenderOptions()), NullLogger<FfmpegVideoComposer>.Instance);
        Shot[] shots = [AShot("s1", 0), AShot("s2", 1)];
        var clips = shots.Select(s => Path.Combine(_folder, s.ShotId + ".mp4")).ToList();

        for (var i = 0; i < shots.Length; i++)
            await renderer.RenderAsync(Guid.NewGuid(), shots[i], clips[i], CancellationToken.None);
        var composed = await composer.ComposeAsync(Guid.NewGuid(), new VideoRequest("x", 2, "16:9", "720p"), shots, clips, Path.Combine(_folder, "video.mp4"), CancellationToken.None);

        var calls = Calls();
        Assert.Multiple(() =>
        {
            Assert.That(composed.DurationSeconds, Is.EqualTo(2.0).Within(0.1));
            Assert.That(calls.Count(c => c.EndsWith("our-ffmpeg", StringComparison.Ordinal)), Is.EqualTo(4), "two shot renders, the soundtrack mix (its loudness measured in the same run) and the composition");
            Assert.That(calls.Count(c => c.EndsWith("our-ffprobe", StringComparison.Ordinal)), Is.EqualTo(1), "the composed result measured (the clips are indexed from their MP4 boxes, without ffprobe)");
        });
    }

    [Test]
    public async Task Should_fail_the_render_step_with_ffmpeg_missing_naming_the_setting()
    {
        var settings = new Dictionary<string, string?> { ["Media:FfmpegPath"] = "/opt/not-installed/bin/ffmpeg" };
        await using var workers = await WorkerHarness.StartAsync(settings: settings);
        await workers.SendAsync(new RenderShot(Guid.NewGuid(), 1, AShot("s1", 0), "local", ["local"]));

        var failed = (await workers.Published<StepFailed>()).Single();
        Assert.Multiple(() =>
        {
            Assert.That(failed.Stage, Is.EqualTo(VideoStages.Render));
            Assert.That(failed.Code, Is.EqualTo("ffmpeg_missing"));
            Assert.That(failed.Message, Does.Contain("Media:FfmpegPath"));
            Assert.That(failed.Message, Does.Not.Contain("/opt/not-installed"), "the setting, never the server path");
            Assert.That(failed.Retryable, Is.False, "not retried at once: the same worker fails the same way until ffmpeg is installed");
        });
    }

    [Test]
    public async Task Should_report_a_missing_tool_at_start_up_health_naming_the_setting()
    {
        var missing = new MediaToolsHealthCheck(Options.Create(new MediaOptions { FfprobePath = Path.Combine(_folder, "no-such-ffprobe") }));
        var present = new MediaToolsHealthCheck(Options.Create(new MediaOptions { FfmpegPath = Path.Combine(_folder, "our-ffmpeg"), FfprobePath = "ffprobe" }));

        var unhealthy = await missing.CheckHealthAsync(new HealthCheckContext());
        var healthy = await present.CheckHealthAsync(new HealthCheckContext());
        Assert.Multiple(() =>
        {
            Assert.That(unhealthy.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(unhealthy.Description, Does.StartWith("ffmpeg_missing").And.Contain("Media:FfprobePath").And.Not.Contain(_folder));
            Assert.That(healthy.Status, Is.EqualTo(HealthStatus.Healthy), "a full path, and a name found on PATH");
        });
    }
}
