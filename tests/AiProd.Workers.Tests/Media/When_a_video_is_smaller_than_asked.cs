using AiProd.Workers.Qa;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Media;

/// <summary>A 640x360 file: every other check passes, yet the resolution check blocks it by default.</summary>
[Category("Integration")]
public class When_a_video_is_smaller_than_asked
{
    private MediaKit _kit = null!;
    private string _small = null!;

    [OneTimeSetUp]
    public async Task Make_a_360p_clip()
    {
        _kit = new MediaKit();
        _small = await _kit.MakeClipAsync("small.mp4", "testsrc2=s=640x360:r=24", 2);
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [Test]
    public async Task Should_fail_aiprod_qa_without_a_request_because_it_is_below_720p()
    {
        var report = await _kit.TechnicalQa().CheckAsync(_small, null, [], CancellationToken.None);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.PassedChecks, Is.GreaterThanOrEqualTo(9), "all but resolution (and loudness) pass, so only blocking fails it");
        Assert.That(report.Checks.Single(c => c.Name == "resolution").Passed, Is.False);
        Assert.That(report.Reasons, Has.Some.Contains("below 720 pixels").And.Some.Contains("blocks delivery"));
    }

    [Test]
    public async Task Should_fail_against_a_720p_request_naming_the_requested_size()
    {
        var report = await _kit.TechnicalQa().CheckAsync(_small, new QaExpectations(2, 1280, 720, 24), [], CancellationToken.None);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Reasons, Has.Some.Contains("below the requested 1280x720"));
    }

    [Test]
    public async Task Should_pass_when_resolution_is_configured_not_to_block()
    {
        var qa = new FfprobeTechnicalQa(_kit.Tool, _kit.Probe, Options.Create(new QaOptions { BlockingChecks = "duration" }), NullLogger<FfprobeTechnicalQa>.Instance);
        var report = await qa.CheckAsync(_small, null, [], CancellationToken.None);
        Assert.That(report.Passed, Is.True, string.Join(" ", report.Reasons));
        Assert.That(report.Checks.Single(c => c.Name == "resolution").Passed, Is.False);
    }

    [Test]
    public async Task Should_measure_the_loudness_of_the_audio_track()
    {
        var report = await _kit.TechnicalQa().CheckAsync(_small, null, [], CancellationToken.None);
        var loudness = report.Checks.Single(c => c.Name == "loudness");
        // ffmpeg's default sine (amplitude 1/8) measures about -21 LUFS: far from the -14 target.
        Assert.That(loudness.Actual, Does.Match(@"^-2\d(\.\d+)? LUFS$"));
        Assert.That(loudness.Passed, Is.False);
    }

    [Test]
    public void Should_refuse_an_unknown_blocking_check_name()
    {
        var results = new QaOptions { BlockingChecks = "resolution,sharpness" }.Validate(new(new object())).ToList();
        Assert.That(results.Single().ErrorMessage, Does.Contain("'sharpness'"));
    }
}
