using AiProd.Workers.Qa;

namespace AiProd.Workers.Tests.Media;

/// <summary>Files that are wrong as files: the gate must fail them without throwing.</summary>
[Category("Integration")]
public class When_a_video_file_is_broken
{
    private MediaKit _kit = null!;
    private string _short = null!;
    private string _silentTrack = null!;
    private string _truncated = null!;
    private string _text = null!;

    [OneTimeSetUp]
    public async Task Make_broken_files()
    {
        _kit = new MediaKit();
        _short = await _kit.MakeClipAsync("short.mp4", "testsrc2=s=1280x720:r=24", 3);
        _silentTrack = await _kit.MakeClipAsync("no-audio.mp4", "testsrc2=s=1280x720:r=24", 3, audio: false);
        var whole = await _kit.MakeClipAsync("whole.mp4", "testsrc2=s=1280x720:r=24", 4);
        _truncated = _kit.PathOf("truncated.mp4");
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(_truncated, bytes[..(bytes.Length * 55 / 100)]);
        _text = _kit.PathOf("notes.mp4");
        await File.WriteAllTextAsync(_text, "This is a shopping list, not a video.");
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    private Task<AiProd.Contracts.TechnicalQaReport> Check(string file, double seconds) =>
        _kit.TechnicalQa().CheckAsync(file, new QaExpectations(seconds, 1280, 720, 24), [], CancellationToken.None);

    [Test]
    public async Task Should_fail_a_wrong_duration_even_when_the_other_checks_pass()
    {
        var report = await Check(_short, 6);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.PassedChecks, Is.GreaterThanOrEqualTo(8));
        Assert.That(report.Checks.Single(c => c.Name == "duration").Passed, Is.False);
        Assert.That(report.Reasons, Has.Some.Contains("instead of 6 s"));
    }

    [Test]
    public async Task Should_fail_a_video_without_an_audio_track()
    {
        var report = await Check(_silentTrack, 3);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Checks.Single(c => c.Name == "audio_sync").Passed, Is.False);
        Assert.That(report.Reasons, Has.Some.Contains("no audio track"));
    }

    [Test]
    public async Task Should_pass_a_video_without_audio_when_audio_is_not_required()
    {
        var report = await _kit.TechnicalQa().CheckAsync(
            _silentTrack, new QaExpectations(3, 1280, 720, 24, RequireAudio: false), [], CancellationToken.None);
        Assert.That(report.Passed, Is.True, string.Join(" ", report.Reasons));
    }

    [Test]
    public async Task Should_fail_a_truncated_file_as_undecodable()
    {
        var report = await Check(_truncated, 4);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Checks.Single(c => c.Name == "metadata_and_decode").Passed, Is.False);
        Assert.That(report.Reasons, Has.Some.Contains("truncated"));
    }

    [Test]
    public async Task Should_fail_a_text_file_as_not_a_video()
    {
        var report = await Check(_text, 4);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.PassedChecks, Is.Zero);
        Assert.That(report.Reasons.Single(), Does.StartWith("The file is not a readable video"));
    }

    [Test]
    public async Task Should_fail_a_missing_file_saying_it_does_not_exist()
    {
        var report = await Check(_kit.PathOf("nowhere.mp4"), 4);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Reasons.Single(), Does.Contain("does not exist"));
    }

    [Test]
    public async Task Should_check_a_file_against_its_own_streams_without_expectations()
    {
        var report = await _kit.TechnicalQa().CheckAsync(_short, null, [], CancellationToken.None);
        Assert.That(report.Passed, Is.True, string.Join(" ", report.Reasons));
        Assert.That(report.Checks.Single(c => c.Name == "duration").Expected, Does.Contain("container and video stream"));
    }
}
