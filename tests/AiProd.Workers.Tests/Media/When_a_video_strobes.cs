using AiProd.Contracts;

namespace AiProd.Workers.Tests.Media;

[Category("Integration")]
public class When_a_video_strobes
{
    private MediaKit _kit = null!;
    private string _video = null!;

    [OneTimeSetUp]
    public async Task Make_a_clip_that_inverts_every_other_frame()
    {
        _kit = new MediaKit();
        _video = await _kit.MakeClipAsync("strobe.mp4", "testsrc2=s=1280x720:r=24:d=3,negate=enable='mod(n,2)'", 3);
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [Test]
    public async Task Should_score_below_the_threshold_and_ask_for_a_steadier_picture()
    {
        Shot[] shots = [MediaKit.Shot("flash", 0, 3, "cut", "bars", "static", "wide")];
        var report = await _kit.SemanticQa().EvaluateAsync(
            _video, MediaKit.SemanticCommand(_video, shots, [new ShotTiming("flash", 0, 3)], 3), CancellationToken.None);
        Assert.That(report.Overall.Score, Is.LessThan(7.0), report.Overall.Basis);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Feedback, Has.Some.StartsWith("steadier:"));
    }
}
