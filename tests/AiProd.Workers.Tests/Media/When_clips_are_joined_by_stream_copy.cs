using System.Globalization;
using AiProd.Contracts;
using AiProd.Workers.Render;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// The same plan through both composers: Render:Compose=Copy (clips at the delivery settings, joined without a second
/// encode, the dissolve re-encoded on its own) and the old Render:Compose=Reencode. The picture must stay as good.
/// </summary>
[Category("Integration")]
public class When_clips_are_joined_by_stream_copy
{
    private static readonly Guid VideoId = Guid.NewGuid();
    private static readonly VideoRequest Request = new("A quiet harbour at dawn", 5);
    private readonly MediaKit _kit = new();
    private readonly LogCapture _copyLog = new();
    private readonly LogCapture _fallbackLog = new();
    private IReadOnlyList<Shot> _shots = null!;
    private string _copied = null!;
    private string _reencoded = null!;
    private string _fallback = null!;

    [OneTimeSetUp]
    public async Task Compose_one_plan_both_ways()
    {
        _shots =
        [
            MediaKit.Shot("sh1", 0, 2.0, "dissolve", "waves", "push in", "wide", caption: "First light"),
            MediaKit.Shot("sh2", 1, 1.5, "cut", "rings", "pan left", "close-up", brightness: 0.4),
            MediaKit.Shot("sh3", 2, 1.5, "cut", "bars", "static", "medium"),
        ];
        var copy = new RenderOptions { Compose = ComposeMode.Copy };
        var reencode = new RenderOptions { Compose = ComposeMode.Reencode };
        var copyClips = await RenderAsync(copy, "copy");
        var reencodeClips = await RenderAsync(reencode, "reencode");
        _copied = _kit.PathOf("copied.mp4");
        _reencoded = _kit.PathOf("reencoded.mp4");
        _fallback = _kit.PathOf("fallback.mp4");
        await _kit.Composer(copy, _copyLog.For<FfmpegVideoComposer>()).ComposeAsync(VideoId, Request, _shots, copyClips, _copied, CancellationToken.None);
        await _kit.Composer(reencode).ComposeAsync(VideoId, Request, _shots, reencodeClips, _reencoded, CancellationToken.None);
        // Intermediate clips carry no delivery tag: the copy composer must notice and encode the whole video.
        await _kit.Composer(copy, _fallbackLog.For<FfmpegVideoComposer>()).ComposeAsync(VideoId, Request, _shots, reencodeClips, _fallback, CancellationToken.None);
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [Test]
    public void Should_join_delivery_clips_without_encoding_them_again()
    {
        Assert.That(_copyLog.Messages, Has.Some.Contains("by stream copy"));
        Assert.That(_fallbackLog.Messages, Has.Some.Contains("by one encode"));
    }

    [Test]
    public async Task Should_deliver_every_frame_once_at_the_delivery_format()
    {
        var (info, error) = await _kit.Probe.ProbeAsync(_copied, countFrames: false, "Test", CancellationToken.None);
        var (counted, _) = await _kit.Probe.ProbeAsync(_copied, countFrames: true, "Test", CancellationToken.None);
        Assert.That(info, Is.Not.Null, error);
        Assert.Multiple(() =>
        {
            Assert.That(counted?.Video?.FramesRead, Is.EqualTo(120), "5 s at 24 fps, decoded");
            Assert.That(info!.DurationSeconds, Is.EqualTo(5.0).Within(1 / 24.0));
            Assert.That(info.Video!.Codec, Is.EqualTo("h264"));
            Assert.That(info.Video.Profile, Is.EqualTo("High"));
            Assert.That((info.Video.Width, info.Video.Height), Is.EqualTo((1280, 720)));
            Assert.That(info.Audio!.Codec, Is.EqualTo("aac"));
            Assert.That(info.Tags["comment"], Does.Contain(VideoId.ToString()));
            Assert.That(info.Video.Tags["encoder"], Is.EqualTo("AiProd"));
        });
    }

    [Test]
    public async Task Should_look_like_the_old_path_with_an_ssim_of_at_least_0_98()
    {
        Assert.That(await SsimAsync(_reencoded, _copied), Is.GreaterThanOrEqualTo(0.98));
        Assert.That(await SsimAsync(_reencoded, _fallback), Is.GreaterThanOrEqualTo(0.98));
    }

    private async Task<List<string>> RenderAsync(RenderOptions options, string name)
    {
        var renderer = _kit.Renderer(options);
        var clips = _shots.Select(s => _kit.PathOf($"{name}-{s.ShotId}.mp4")).ToList();
        await Task.WhenAll(_shots.Select((s, i) => renderer.RenderAsync(VideoId, s, clips[i], CancellationToken.None)));
        return clips;
    }

    /// <summary>Mean SSIM over all planes and frames (ffmpeg ssim filter); the frame counts must match for it to mean anything.</summary>
    private async Task<double> SsimAsync(string reference, string candidate)
    {
        var result = await _kit.Tool.FfmpegAsync(
            ["-v", "info", "-nostats", "-i", candidate, "-i", reference, "-lavfi", "[0:v][1:v]ssim", "-f", "null", "-"], "Test", CancellationToken.None);
        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        var at = result.StdErr.LastIndexOf(" All:", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0), result.StdErr);
        return double.Parse(result.StdErr[(at + 5)..].Split(' ', 2)[0], CultureInfo.InvariantCulture);
    }
}
