using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Render;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Tests.Consumers;

/// <summary>
/// In copy mode the render step indexes the clip it made and records the index in its <c>clip.json</c> with the clip's
/// hash; a clip reused from the render cache brings its index along; compose reads the clips' indexes from there.
/// </summary>
[Category("Integration")]
public class When_a_shot_is_rendered_for_a_stream_copy
{
    private static readonly VideoRequest Request = new("A lighthouse at dusk, waves on the rocks", 3, "16:9", "720p");

    private static Shot AShot(string id, int order, string pattern) => new(
        id, order, order, $"a lighthouse beam sweeping over the sea, {pattern}", "wide", "static", "cut", ["start", "middle", "end"], 1.5,
        new ShotSpec(1280, 720, 24, "#d08040", "#203050", 0.7, 0.5, pattern, "Lighthouse"));

    [Test]
    public async Task Should_record_the_clip_index_and_compose_with_it()
    {
        var log = new LogCapture();
        await using var workers = await WorkerHarness.StartAsync(s => s.AddSingleton<ILoggerProvider>(log));
        var assets = workers.Services.GetRequiredService<IAssetStore>();
        var tool = workers.Services.GetRequiredService<AiProd.Media.MediaTool>();
        var videoId = Guid.NewGuid();
        Shot[] plan = [AShot("c1-s00-sh00", 0, "waves"), AShot("c1-s01-sh00", 1, "rings")];
        foreach (var shot in plan)
            await workers.SendAsync(new RenderShot(videoId, 1, shot, "local", ["local"]));
        var rendered = (await workers.Published<ShotRendered>(2)).Select(r => r.Shot).ToList();
        // The same first shot in another video: a render cache hit, which must bring the index with its copy.
        var otherVideo = Guid.NewGuid();
        await workers.SendAsync(new RenderShot(otherVideo, 1, plan[0] with { ShotId = "c2-s00-sh00" }, "local", ["local"]));
        var reused = (await workers.Published<ShotRendered>(3))[2].Shot;

        foreach (var (video, shot) in rendered.Select(r => (videoId, r)).Append((otherVideo, reused)))
        {
            var stored = await RenderJournal.ForShot(assets, video, shot).StoredIndexAsync(CancellationToken.None);
            var file = await assets.GetLocalFileAsync(shot.AssetUri, CancellationToken.None);
            var read = await ClipIndex.ProbeAsync(tool, file, 24, CancellationToken.None);
            Assert.That(stored, Is.Not.Null, $"{shot.ShotId} has its index recorded");
            Assert.Multiple(async () =>
            {
                Assert.That(await stored!.DescribesAsync(file, 24, CancellationToken.None), Is.True, "it names the stored clip's bytes");
                Assert.That(stored!.Index.Frames, Is.EqualTo(read!.Frames));
                Assert.That(stored.Index.KeyFrames, Is.EqualTo(read.KeyFrames));
                Assert.That(stored.Index.Tag, Is.EqualTo(read.Tag));
            });
        }

        Assert.That(reused.ReusedFrom, Is.EqualTo(rendered.Single(r => r.ShotId == plan[0].ShotId).AssetUri), "the third render was a cache hit");
        await workers.SendAsync(new ComposeVideo(videoId, 1, Request, plan, rendered));
        await workers.Published<VideoComposed>();
        Assert.That(log.Messages, Has.One.Contains("by stream copy (2 clip index(es) as their render steps stored them, 0 transition window(s) encoded ahead)"));
    }

    [Test]
    public async Task Should_record_no_index_for_a_clip_compose_encodes_again()
    {
        await using var workers = await WorkerHarness.StartAsync(settings: new Dictionary<string, string?> { ["Render:Compose"] = "Reencode" });
        var videoId = Guid.NewGuid();
        await workers.SendAsync(new RenderShot(videoId, 1, AShot("c1-s00-sh00", 0, "waves"), "local", ["local"]));
        var shot = (await workers.Published<ShotRendered>())[0].Shot;
        var assets = workers.Services.GetRequiredService<IAssetStore>();
        Assert.That(await RenderJournal.ForShot(assets, videoId, shot).StoredIndexAsync(CancellationToken.None), Is.Null);
    }
}
