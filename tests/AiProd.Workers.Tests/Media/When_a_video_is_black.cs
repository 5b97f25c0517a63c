using AiProd.Contracts;
using AiProd.Workers.Qa;

namespace AiProd.Workers.Tests.Media;

[Category("Integration")]
public class When_a_video_is_black
{
    private MediaKit _kit = null!;
    private string _video = null!;
    private readonly ShotTiming[] _timeline = [new("dark", 0, 3)];

    [OneTimeSetUp]
    public async Task Make_a_black_clip()
    {
        _kit = new MediaKit();
        _video = await _kit.MakeClipAsync("black.mp4", "color=c=black:s=1280x720:r=24:d=3", 3);
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [Test]
    public async Task Should_fail_with_a_black_defect_on_the_dark_shot()
    {
        var report = await _kit.TechnicalQa().CheckAsync(_video, new QaExpectations(3, 1280, 720, 24), _timeline, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.False);
            Assert.That(report.Defects, Has.Some.Matches<QaDefect>(d => d.Kind == "black" && d.Blocking));
            Assert.That(report.SuspectShotIds, Is.EqualTo(new[] { "dark" }));
            Assert.That(report.Reasons, Has.Some.Contains("black"));
        });
    }

    [Test]
    public async Task Should_score_below_the_threshold_and_ask_for_a_brighter_picture()
    {
        Shot[] shots = [MediaKit.Shot("dark", 0, 3, "cut", "gradient", "static", "wide")];
        var report = await _kit.SemanticQa().EvaluateAsync(_video, MediaKit.SemanticCommand(_video, shots, _timeline, 3), CancellationToken.None);
        Assert.That(report.Overall.Score, Is.LessThan(7.0), report.Overall.Basis);
        Assert.That(report.Feedback, Has.Some.StartsWith("brighter:"));
        Assert.That(report.Feedback, Has.Some.StartsWith("more-motion:"));
        Assert.That(report.VisualQuality.Basis, Does.Contain("mean luma"));
    }
}
