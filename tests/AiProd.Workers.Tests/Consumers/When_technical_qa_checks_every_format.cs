using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Tests.Media;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Workers.Tests.Consumers;

/// <summary>
/// The QA worker's technical step on a video delivered in two formats: each format's verdict carries the size and
/// length read from that file, and each file is probed once (the check's own ffprobe gives them; no second probe).
/// ffprobe is a wrapper that logs each call before running the real one.
/// </summary>
[Category("Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class When_technical_qa_checks_every_format
{
    private MediaKit _kit = null!;
    private string _calls = null!;
    private string _ffprobe = null!;

    [SetUp]
    public void MakeWrapper()
    {
        _kit = new MediaKit();
        _calls = _kit.PathOf("ffprobe-calls.log");
        _ffprobe = _kit.PathOf("counting-ffprobe");
        File.WriteAllText(_ffprobe, $"#!/bin/sh\necho \"$*\" >> '{_calls}'\nexec ffprobe \"$@\"\n");
        File.SetUnixFileMode(_ffprobe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [TearDown]
    public void Remove() => _kit.Dispose();

    [Test]
    public async Task Should_report_each_formats_size_and_length_from_one_probe_of_its_file()
    {
        var master = await _kit.MakeClipAsync("master.mp4", "testsrc2=s=1280x720:r=24", 2);
        var vertical = await _kit.MakeClipAsync("vertical.mp4", "testsrc2=s=720x1280:r=24", 2);
        await using var workers = await WorkerHarness.StartAsync(settings: new Dictionary<string, string?> { ["Media:FfprobePath"] = _ffprobe });
        var assets = workers.Services.GetRequiredService<IAssetStore>();
        var videoId = Guid.NewGuid();
        var uri = await assets.PutFileAsync(videoId, "composed-a1.mp4", master, CancellationToken.None);
        await assets.PutFileAsync(videoId, "composed-a1.9x16.mp4", vertical, CancellationToken.None);
        var request = new VideoRequest("a test pattern", 2, "16:9", "720p") { Formats = ["9:16"] };

        await workers.SendAsync(new RunTechnicalQa(videoId, 1, uri, request, []));

        var report = (await workers.Published<TechnicalQaCompleted>()).Single().Report;
        var probes = File.ReadAllLines(_calls).Where(line => line.Contains("-show_format", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report.Formats.Select(f => (f.AspectRatio, f.Width, f.Height)), Is.EqualTo(new[] { ("16:9", 1280, 720), ("9:16", 720, 1280) }));
            Assert.That(report.Formats.Select(f => f.DurationSeconds), Is.All.EqualTo(2.0).Within(0.05));
            Assert.That(probes, Has.Count.EqualTo(2), "one stream probe a format file");
        });
    }
}
