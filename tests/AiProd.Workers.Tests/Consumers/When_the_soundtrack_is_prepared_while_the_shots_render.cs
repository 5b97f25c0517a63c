using System.Text.Json;
using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Soundtracks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Tests.Consumers;

/// <summary>
/// PrepareSoundtrack makes the soundtrack while the shots render; the composer then uses it when the plan it composes
/// has the same key, and makes its own when the plan changed since.
/// </summary>
[Category("Integration")]
public class When_the_soundtrack_is_prepared_while_the_shots_render
{
    private static readonly VideoRequest Request = new("A lighthouse at dusk, waves on the rocks", 3, "16:9", "720p");

    private static Shot AShot(int scene, string line) => new(
        $"c1-s0{scene}-sh00", scene, scene, "a lighthouse beam sweeping over the sea", "wide", "static", "cut", ["start", "middle", "end"], 1.5,
        new ShotSpec(1280, 720, 24, "#d08040", "#203050", 0.7, 0.5, "waves", "Lighthouse"))
    { Narration = line };

    private static readonly Shot[] Plan = [AShot(0, "A lighthouse stands at dusk."), AShot(1, "Waves break on the rocks.")];

    [Test]
    public async Task Should_store_it_once_and_compose_the_video_with_it()
    {
        var log = new LogCapture();
        await using var workers = await WorkerHarness.StartAsync(s => s.AddSingleton<ILoggerProvider>(log));
        var videoId = Guid.NewGuid();
        var soundtracks = workers.Services.GetRequiredService<PreparedSoundtracks>();
        var key = soundtracks.KeyOf(Request, Plan);

        await workers.SendAsync(new PrepareSoundtrack(videoId, 1, Request, Plan));
        await Until(() => soundtracks.ExistsAsync(videoId, key, CancellationToken.None));
        await workers.SendAsync(new PrepareSoundtrack(videoId, 1, Request, Plan));
        await Until(() => Task.FromResult(workers.Harness.Consumed.Select<PrepareSoundtrack>(CancellationToken.None).Count() == 2));
        var prepared = await soundtracks.FindAsync(videoId, key, CancellationToken.None);

        var cues = await ComposeAsync(workers, videoId, Plan);

        Assert.Multiple(() =>
        {
            Assert.That(prepared, Is.Not.Null);
            Assert.That(File.Exists(prepared!.WavFile), Is.True, "the mix stays in the store after the compose");
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(prepared.WavFile)!, "*.wav"), Has.Length.EqualTo(1), "the redelivered command kept the stored one");
            Assert.That(prepared.Encoded, Is.Not.Null, "the delivery's audio track is encoded ahead too");
            Assert.That(File.Exists(prepared.Encoded!.File), Is.True);
            Assert.That(prepared.Encoded.Seconds, Is.EqualTo(3.0).Within(1e-9));
            Assert.That(prepared.Cues.Select(c => c.Text), Is.EqualTo(Plan.Select(s => s.Narration)));
            Assert.That(Planning.Json(cues), Is.EqualTo(Planning.Json(prepared.Cues)), "the video's cues are the prepared ones");
            Assert.That(log.Messages, Has.One.Contains("a soundtrack prepared ahead"));
            Assert.That(log.Messages, Has.None.Contains("a soundtrack made here"));
        });
    }

    [Test]
    public async Task Should_make_it_in_compose_when_the_plan_changed_since()
    {
        var log = new LogCapture();
        await using var workers = await WorkerHarness.StartAsync(s => s.AddSingleton<ILoggerProvider>(log));
        var videoId = Guid.NewGuid();
        var soundtracks = workers.Services.GetRequiredService<PreparedSoundtracks>();
        await workers.SendAsync(new PrepareSoundtrack(videoId, 1, Request, Plan));
        await Until(() => soundtracks.ExistsAsync(videoId, soundtracks.KeyOf(Request, Plan), CancellationToken.None));

        Shot[] edited = [Plan[0], Plan[1] with { Narration = "Gulls circle over the harbour." }];
        var cues = await ComposeAsync(workers, videoId, edited);

        Assert.Multiple(() =>
        {
            Assert.That(soundtracks.KeyOf(Request, edited), Is.Not.EqualTo(soundtracks.KeyOf(Request, Plan)));
            Assert.That(cues.Select(c => c.Text), Is.EqualTo(edited.Select(s => s.Narration)), "the composed video speaks the plan it was given");
            Assert.That(log.Messages, Has.One.Contains("a soundtrack made here"));
        });
    }

    [Test]
    public async Task Should_be_left_to_the_composer_when_turned_off()
    {
        var log = new LogCapture();
        await using var workers = await WorkerHarness.StartAsync(s => s.AddSingleton<ILoggerProvider>(log), new Dictionary<string, string?> { ["Render:PrepareSoundtrack"] = "false" });
        var videoId = Guid.NewGuid();
        await workers.SendAsync(new PrepareSoundtrack(videoId, 1, Request, Plan));
        await Until(() => Task.FromResult(workers.Harness.Consumed.Select<PrepareSoundtrack>(CancellationToken.None).Any()));
        var cues = await ComposeAsync(workers, videoId, Plan);

        Assert.Multiple(() =>
        {
            Assert.That(cues.Select(c => c.Text), Is.EqualTo(Plan.Select(s => s.Narration)));
            Assert.That(log.Messages, Has.One.Contains("a soundtrack made here"));
        });
    }

    [Test]
    public async Task Should_not_be_found_when_its_mix_is_gone()
    {
        await using var workers = await WorkerHarness.StartAsync();
        var videoId = Guid.NewGuid();
        var soundtracks = workers.Services.GetRequiredService<PreparedSoundtracks>();
        var key = soundtracks.KeyOf(Request, Plan);
        await workers.SendAsync(new PrepareSoundtrack(videoId, 1, Request, Plan));
        await Until(() => soundtracks.ExistsAsync(videoId, key, CancellationToken.None));
        var prepared = await soundtracks.FindAsync(videoId, key, CancellationToken.None);
        File.Delete(prepared!.WavFile);

        Assert.Multiple(async () =>
        {
            Assert.That(await soundtracks.FindAsync(videoId, key, CancellationToken.None), Is.Null, "the composer makes it instead");
            Assert.That(await soundtracks.FindAsync(videoId, "0123456789abcdef0123456789abcdef", CancellationToken.None), Is.Null);
        });
    }

    /// <summary>Renders the shots on the local backend, composes them and returns the narration cues stored beside the video.</summary>
    private static async Task<List<NarrationCue>> ComposeAsync(WorkerHarness workers, Guid videoId, IReadOnlyList<Shot> shots)
    {
        foreach (var shot in shots)
            await workers.SendAsync(new RenderShot(videoId, 1, shot, "local", ["local"]));
        var rendered = await workers.Published<ShotRendered>(shots.Count);
        await workers.SendAsync(new ComposeVideo(videoId, 1, Request, shots, [.. rendered.Select(r => r.Shot)]));
        await workers.Published<VideoComposed>();
        var assets = workers.Services.GetRequiredService<IAssetStore>();
        var uri = await assets.FindAsync(videoId, NarrationAssets.SidecarName("composed-a1.mp4", NarrationAssets.CuesExtension), CancellationToken.None);
        await using var stream = await assets.OpenReadAsync(uri!, CancellationToken.None);
        return (await JsonSerializer.DeserializeAsync<List<NarrationCue>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The condition was not met within 60 s.");
            await Task.Delay(25);
        }
    }
}
