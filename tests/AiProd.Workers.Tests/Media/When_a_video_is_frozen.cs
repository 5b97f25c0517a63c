using AiProd.Contracts;
using AiProd.Workers.Qa;

namespace AiProd.Workers.Tests.Media;

[Category("Integration")]
public class When_a_video_is_frozen
{
    private MediaKit _kit = null!;
    private string _video = null!;
    private readonly ShotTiming[] _timeline = [new("moving", 0, 1), new("stuck", 1, 3.5)];

    [OneTimeSetUp]
    public async Task Make_a_clip_that_stops_after_one_second()
    {
        _kit = new MediaKit();
        _video = await _kit.MakeClipAsync("frozen.mp4", "testsrc2=s=1280x720:r=24:d=1,tpad=stop_mode=clone:stop_duration=3.5", 4.5);
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [Test]
    public async Task Should_fail_with_a_frozen_defect()
    {
        var report = await _kit.TechnicalQa().CheckAsync(_video, new QaExpectations(4.5, 1280, 720, 24), _timeline, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.False);
            Assert.That(report.PassedChecks, Is.GreaterThanOrEqualTo(8), "the file itself is fine; the freeze alone fails it");
            Assert.That(report.Defects, Has.Some.Matches<QaDefect>(d => d.Kind == "frozen" && d.Blocking && d.DurationSeconds >= 3));
            Assert.That(report.SuspectShotIds, Does.Contain("stuck"));
            Assert.That(report.Reasons, Has.Some.Contains("frozen"));
        });
    }

    [Test]
    public async Task Should_score_below_the_threshold_and_ask_for_more_motion()
    {
        Shot[] shots = [MediaKit.Shot("moving", 0, 1, "cut", "bars", "static", "wide"), MediaKit.Shot("stuck", 1, 3.5, "cut", "bars", "static", "wide")];
        var report = await _kit.SemanticQa().EvaluateAsync(_video, MediaKit.SemanticCommand(_video, shots, _timeline, 4.5), CancellationToken.None);
        Assert.That(report.Overall.Score, Is.LessThan(7.0), report.Overall.Basis);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Feedback, Has.Some.StartsWith("more-motion:"));
    }
}
