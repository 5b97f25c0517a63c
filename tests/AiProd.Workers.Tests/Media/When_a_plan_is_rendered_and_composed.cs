using AiProd.Contracts;
using AiProd.Workers.Qa;
using AiProd.Workers.Render;

namespace AiProd.Workers.Tests.Media;

[Category("Integration")]
public class When_a_plan_is_rendered_and_composed
{
    private static readonly Guid VideoId = Guid.NewGuid();
    private MediaKit _kit = null!;
    private IReadOnlyList<Shot> _shots = null!;
    private ComposeResult _composed = null!;
    private string _video = null!;
    private List<ShotRenderResult> _rendered = null!;

    [OneTimeSetUp]
    public async Task Render_three_shots_and_compose_them()
    {
        _kit = new MediaKit();
        _shots =
        [
            MediaKit.Shot("sh1", 0, 2.0, "fade", "waves", "push in", "wide", caption: "Dawn: \"first light\" at 100% — it's here"),
            MediaKit.Shot("sh2", 1, 2.0, "cut", "rings", "pan left", "close-up", brightness: 0.2, motion: 0),
            MediaKit.Shot("sh3", 2, 2.0, "cut", "particles", "handheld", "extreme wide", caption: "The end"),
        ];
        var renderer = _kit.Renderer();
        _rendered = [];
        var clips = new List<string>();
        foreach (var shot in _shots)
        {
            var clip = _kit.PathOf($"{shot.ShotId}.mp4");
            _rendered.Add(await renderer.RenderAsync(VideoId, shot, clip, CancellationToken.None));
            clips.Add(clip);
        }
        _video = _kit.PathOf("final.mp4");
        _composed = await _kit.Composer().ComposeAsync(
            VideoId, new VideoRequest("A quiet sunrise over the sea", 6), _shots, clips, _video, CancellationToken.None);
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [Test]
    public void Should_render_each_clip_with_its_transition_overlap_and_charge_the_local_price()
    {
        Assert.That(_rendered[0].DurationSeconds, Is.EqualTo(2.5).Within(0.05), "fade: 2 s visible + 0.5 s overlap");
        Assert.That(_rendered[1].DurationSeconds, Is.EqualTo(2.0).Within(0.05), "cut: no overlap");
        Assert.That(_rendered[0].CostUsd, Is.EqualTo(0.0025m).Within(0.0001m));
    }

    [Test]
    public async Task Should_produce_an_h264_yuv420p_aac_mp4_of_the_summed_visible_length()
    {
        var (info, error) = await _kit.Probe.ProbeAsync(_video, countFrames: false, "Test", CancellationToken.None);
        Assert.That(info, Is.Not.Null, error);
        Assert.Multiple(() =>
        {
            Assert.That(info!.DurationSeconds, Is.EqualTo(6.0).Within(1 / 24.0));
            Assert.That(_composed.DurationSeconds, Is.EqualTo(6.0).Within(1 / 24.0));
            Assert.That(info.Video!.Codec, Is.EqualTo("h264"));
            Assert.That(info.Video.Profile, Is.EqualTo("High"));
            Assert.That((info.Video.Width, info.Video.Height), Is.EqualTo((1280, 720)));
            Assert.That(info.Video.PixelFormat, Is.EqualTo("yuv420p"));
            Assert.That(info.Video.ColorSpace, Is.EqualTo("bt709"));
            Assert.That(info.Video.FrameRate, Is.EqualTo(24).Within(0.01));
            Assert.That(info.Audio!.Codec, Is.EqualTo("aac"));
            Assert.That(info.Audio.SampleRate, Is.EqualTo(48000));
            Assert.That(info.Audio.Channels, Is.EqualTo(2));
            Assert.That(info.Tags["comment"], Does.Contain(VideoId.ToString()));
            Assert.That(info.Video.Tags["encoder"], Is.EqualTo("AiProd"));
        });
    }

    [Test]
    public void Should_report_where_each_shot_sits()
    {
        Assert.That(_composed.Timeline.Select(t => t.ShotId), Is.EqualTo(new[] { "sh1", "sh2", "sh3" }));
        Assert.That(_composed.Timeline.Select(t => t.StartSeconds), Is.EqualTo(new[] { 0.0, 2.0, 4.0 }).Within(0.001));
        Assert.That(_composed.Timeline.Select(t => t.DurationSeconds), Is.EqualTo(new[] { 2.0, 2.0, 2.0 }).Within(0.001));
    }

    [Test]
    public async Task Should_pass_technical_qa_with_every_check()
    {
        var report = await _kit.TechnicalQa().CheckAsync(_video, new QaExpectations(6, 1280, 720, 24), _composed.Timeline, CancellationToken.None);
        Assert.That(report.Passed, Is.True, string.Join(" ", report.Reasons));
        // All eleven, loudness included: the composer normalises the mix to -14 LUFS.
        Assert.That(report.PassedChecks, Is.EqualTo(11), string.Join("; ", report.Checks.Where(c => !c.Passed)));
        Assert.That(report.Defects.Where(d => d.Blocking), Is.Empty);
    }

    [Test]
    public async Task Should_pass_semantic_qa_with_bases_that_quote_the_measurements()
    {
        var report = await _kit.SemanticQa().EvaluateAsync(
            _video, MediaKit.SemanticCommand(_video, _shots, _composed.Timeline, 6), CancellationToken.None);
        TestContext.Out.WriteLine($"{report.Overall} | {report.VisualQuality} | {report.NarrativeCoherence} | {report.TechnicalExcellence} | {string.Join(" / ", report.Feedback)}");
        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.True);
            Assert.That(report.Overall.Score, Is.GreaterThanOrEqualTo(7.0));
            Assert.That(report.Evaluator, Is.EqualTo("offline-signals"));
            Assert.That(report.Threshold, Is.EqualTo(7.0));
            Assert.That(report.VisualQuality.Basis, Does.Contain("mean luma").And.Match(@"\d"));
            Assert.That(report.TechnicalExcellence.Basis, Does.Contain("SSIM"));
            Assert.That(report.NarrativeCoherence.Basis, Does.Contain("planned hard cuts"));
        });
    }
}
