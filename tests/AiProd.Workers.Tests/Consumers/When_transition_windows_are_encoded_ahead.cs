using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Saga.Activities;
using AiProd.Workers.Render;
using AiProd.Workers.Render.Narration;
using AiProd.Workers.Render.Soundtracks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Consumers;

/// <summary>
/// The render step of the second neighbour to be rendered encodes their transition window and stores it under the
/// clips' hashes; compose takes it and delivers the same file as when it encodes the window itself. A stored window that
/// does not hold the span's frames, or none at all, is encoded in compose as before.
/// </summary>
[Category("Integration")]
public class When_transition_windows_are_encoded_ahead
{
    private static readonly VideoRequest Request = new("A lighthouse at dusk, waves on the rocks", 4, "16:9", "720p");
    private readonly LogCapture _log = new();
    private readonly Guid _videoId = Guid.NewGuid();
    private WorkerHarness _workers = null!;
    private Shot[] _plan = null!;
    private List<RenderedShot> _rendered = null!;
    private byte[] _encodedInCompose = null!;
    private byte[] _composedWithWindow = null!;
    private string _composedLog = null!;
    private string[] _windows = null!;

    private static Shot AShot(string id, int order, string pattern, string transition, double seconds) => new(
        id, order, order, $"a lighthouse beam sweeping over the sea, {pattern}", "wide", "pan right", transition, ["start", "middle", "end"], seconds,
        new ShotSpec(1280, 720, 24, "#d08040", "#203050", 0.7, 0.5, pattern, "Lighthouse"));

    [OneTimeSetUp]
    public async Task Render_the_shots_one_after_the_other_and_compose()
    {
        _workers = await WorkerHarness.StartAsync(s => s.AddSingleton<ILoggerProvider>(_log));
        _plan = [AShot("c1-s00-sh00", 0, "waves", "dissolve", 1.5), AShot("c1-s01-sh00", 1, "rings", "cut", 1.5), AShot("c1-s02-sh00", 2, "bars", "cut", 1.0)];
        await _workers.SendAsync(new PrepareSoundtrack(_videoId, 1, Request, _plan));
        var soundtrack = await PreparedSoundtrackAsync();
        _rendered = [];
        foreach (var shot in _plan)
        {
            await _workers.SendAsync(new RenderShot(_videoId, 1, shot, "local", ["local"]) { Neighbours = StepCommands.Around(_plan, shot.Order) });
            _rendered.Add((await _workers.Published<ShotRendered>(_rendered.Count + 1))[^1].Shot);
        }

        await _workers.SendAsync(new ComposeVideo(_videoId, 1, Request, _plan, _rendered));
        await _workers.Published<VideoComposed>();
        _composedLog = Composed(_videoId).Single();
        _windows = Directory.GetFiles(TransitionsFolder(), "*.mp4");
        _composedWithWindow = await File.ReadAllBytesAsync(await LocalFileAsync("composed-a1.mp4"));
        _encodedInCompose = await ComposeWithoutWindowsAsync(_videoId, _plan, _rendered, soundtrack);
    }

    [OneTimeTearDown]
    public async Task Clean_up() => await _workers.DisposeAsync();

    [Test]
    public void Should_encode_the_window_in_the_second_neighbours_render_step()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Encoded(_videoId), Is.EqualTo(1), "one dissolve, encoded once");
            Assert.That(_windows, Has.Length.EqualTo(1), "stored among the video's assets");
        });
    }

    [Test]
    public void Should_compose_the_same_file_with_the_stored_window()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_composedLog, Does.Contain("by stream copy (3 clip index(es) as their render steps stored them, 1 transition window(s) encoded ahead)"));
            Assert.That(_composedWithWindow, Is.EqualTo(_encodedInCompose), "byte for byte");
        });
    }

    [Test]
    public async Task Should_encode_a_window_that_is_wrong_or_missing_in_compose()
    {
        // A stored window with other frames (here a whole clip) would put the wrong picture in the video: it is not used.
        var window = _windows.Single();
        File.Copy(await LocalFileAsync($"shots/{_plan[0].ShotId}-a1.mp4"), window, overwrite: true);
        var wrong = await ComposeAgainAsync(2);
        File.Delete(window);
        var missing = await ComposeAgainAsync(3);

        Assert.Multiple(() =>
        {
            Assert.That(wrong.Bytes, Is.EqualTo(_encodedInCompose), "a window of the wrong length: encoded in compose");
            Assert.That(wrong.Log, Does.Contain("by stream copy (3 clip index(es) as their render steps stored them, 0 transition window(s) encoded ahead)"));
            Assert.That(missing.Bytes, Is.EqualTo(_encodedInCompose), "no window stored: encoded in compose");
            Assert.That(missing.Log, Does.Contain("0 transition window(s) encoded ahead"));
        });
    }

    [Test]
    public async Task Should_store_one_right_window_when_both_neighbours_finish_at_once()
    {
        // Both render steps store their clip before they look for the other's, so at least one finds both; when both do,
        // the first to store its claim on the window encodes it and the other goes on.
        var videoId = Guid.NewGuid();
        Shot[] plan = [AShot("c1-s00-sh00", 0, "waves", "dissolve", 1.5), AShot("c1-s01-sh00", 1, "rings", "cut", 1.0)];
        await _workers.SendAsync(new PrepareSoundtrack(videoId, 1, Request, plan));
        var soundtrack = await PreparedSoundtrackAsync(videoId, plan);
        var published = (await _workers.Published<ShotRendered>()).Count;
        await Task.WhenAll(plan.Select(shot => _workers.SendAsync(new RenderShot(videoId, 1, shot, "local", ["local"]) { Neighbours = StepCommands.Around(plan, shot.Order) })));
        var rendered = (await _workers.Published<ShotRendered>(published + 2)).Where(r => r.VideoId == videoId).Select(r => r.Shot).OrderBy(r => r.ShotId, StringComparer.Ordinal).ToList();
        var composed = (await _workers.Published<VideoComposed>()).Count;
        await _workers.SendAsync(new ComposeVideo(videoId, 1, Request, plan, rendered));
        await _workers.Published<VideoComposed>(composed + 1);
        var log = Composed(videoId).Single();
        var bytes = await File.ReadAllBytesAsync(await LocalFileAsync(videoId, "composed-a1.mp4"));

        var encodedInCompose = await ComposeWithoutWindowsAsync(videoId, plan, rendered, soundtrack);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(TransitionsFolder(videoId), "*.mp4"), Has.Length.EqualTo(1), "one window, whichever step stored it");
            Assert.That(Encoded(videoId), Is.EqualTo(1), "encoded by one step only, whichever claimed it");
            Assert.That(Directory.GetFiles(TransitionsFolder(videoId), "*.claim"), Has.Length.EqualTo(1), "one claim");
            Assert.That(log, Does.Contain("1 transition window(s) encoded ahead"), "compose is not left without it");
            Assert.That(bytes, Is.EqualTo(encodedInCompose), "and it is the right one");
        });
    }

    [Test]
    public async Task Should_render_a_RenderShot_from_an_older_sender_and_leave_the_windows_to_compose()
    {
        // An older saga (or a command in flight during a rollout) sends no neighbours: the shot renders, no window is
        // encoded ahead, and compose encodes it as before.
        var videoId = Guid.NewGuid();
        Shot[] plan = [AShot("c1-s00-sh00", 0, "waves", "dissolve", 1.5), AShot("c1-s01-sh00", 1, "rings", "cut", 1.0)];
        var published = (await _workers.Published<ShotRendered>()).Count;
        foreach (var shot in plan)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
                new RenderShot(videoId, 1, shot, "local", ["local"]) { Neighbours = StepCommands.Around(plan, shot.Order) }, MassTransit.Serialization.SystemTextJsonMessageSerializer.Options))!.AsObject();
            Assert.That(json.Remove("neighbours"), Is.True, "the field as it travels");
            var older = System.Text.Json.JsonSerializer.Deserialize<RenderShot>(json, MassTransit.Serialization.SystemTextJsonMessageSerializer.Options)!;
            Assert.That(older.Neighbours, Is.Null);
            await _workers.SendAsync(older);
            await _workers.Published<ShotRendered>(++published);
        }

        var rendered = (await _workers.Published<ShotRendered>(published)).Where(r => r.VideoId == videoId).Select(r => r.Shot).ToList();
        var composed = (await _workers.Published<VideoComposed>()).Count;
        await _workers.SendAsync(new ComposeVideo(videoId, 1, Request, plan, rendered));
        await _workers.Published<VideoComposed>(composed + 1);
        var log = Composed(videoId).Single();
        Assert.Multiple(() =>
        {
            Assert.That(rendered, Has.Count.EqualTo(2));
            Assert.That(Directory.Exists(TransitionsFolder(videoId)) ? Directory.GetFiles(TransitionsFolder(videoId)) : [], Is.Empty, "nothing encoded ahead");
            Assert.That(log, Does.Contain("by stream copy (2 clip index(es) as their render steps stored them, 0 transition window(s) encoded ahead)"));
        });
    }

    private async Task<(byte[] Bytes, string Log)> ComposeAgainAsync(int attempt)
    {
        var composed = (await _workers.Published<VideoComposed>()).Count;
        await _workers.SendAsync(new ComposeVideo(_videoId, attempt, Request, _plan, _rendered));
        await _workers.Published<VideoComposed>(composed + 1);
        var log = Composed(_videoId).ElementAt(attempt - 1);
        return (await File.ReadAllBytesAsync(await LocalFileAsync($"composed-a{attempt}.mp4")), log);
    }

    /// <summary>The same clips, indexes and soundtrack through a composer with no stored windows: every window encoded here.</summary>
    private async Task<byte[]> ComposeWithoutWindowsAsync(Guid videoId, Shot[] plan, List<RenderedShot> rendered, Soundtrack soundtrack)
    {
        var services = _workers.Services;
        var assets = services.GetRequiredService<IAssetStore>();
        var composer = new FfmpegVideoComposer(
            services.GetRequiredService<FfmpegEncoder>(), services.GetRequiredService<MediaProbe>(), services.GetRequiredService<ITextToSpeech>(),
            services.GetRequiredService<IOptions<RenderOptions>>(), NullLogger<FfmpegVideoComposer>.Instance);
        var clips = new List<string>();
        var indexes = new List<StoredClipIndex?>();
        foreach (var shot in rendered)
        {
            clips.Add(await assets.GetLocalFileAsync(shot.AssetUri, CancellationToken.None));
            indexes.Add(await RenderJournal.ForShot(assets, videoId, shot).StoredIndexAsync(CancellationToken.None));
        }

        var output = Path.Combine(_workers.Root, $"encoded-in-compose-{videoId:N}.mp4");
        await composer.ComposeAsync(videoId, Request, plan, clips, indexes, output, soundtrack, CancellationToken.None);
        return await File.ReadAllBytesAsync(output);
    }

    private Task<Soundtrack> PreparedSoundtrackAsync() => PreparedSoundtrackAsync(_videoId, _plan);

    private async Task<Soundtrack> PreparedSoundtrackAsync(Guid videoId, Shot[] plan)
    {
        var soundtracks = _workers.Services.GetRequiredService<PreparedSoundtracks>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await soundtracks.FindAsync(videoId, soundtracks.KeyOf(Request, plan), CancellationToken.None) is { } found)
                return found;
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The soundtrack was not prepared.");
            await Task.Delay(50);
        }
    }

    private IEnumerable<string> Composed(Guid videoId) =>
        _log.Messages.Where(m => m.StartsWith("Composed ", StringComparison.Ordinal) && m.Contains(videoId.ToString(), StringComparison.Ordinal));

    private int Encoded(Guid videoId) =>
        _log.Messages.Count(m => m.StartsWith("Encoded the transition window", StringComparison.Ordinal) && m.Contains(videoId.ToString(), StringComparison.Ordinal));

    private Task<string> LocalFileAsync(string name) => LocalFileAsync(_videoId, name);

    private async Task<string> LocalFileAsync(Guid videoId, string name)
    {
        var assets = _workers.Services.GetRequiredService<IAssetStore>();
        return await assets.GetLocalFileAsync((await assets.FindAsync(videoId, name, CancellationToken.None))!, CancellationToken.None);
    }

    private string TransitionsFolder(Guid? videoId = null) => Path.Combine(_workers.Root, (videoId ?? _videoId).ToString("N"), "transitions");
}
