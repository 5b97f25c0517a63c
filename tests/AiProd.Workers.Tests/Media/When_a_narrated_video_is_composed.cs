using AiProd.Contracts;
using AiProd.Workers.Qa;
using AiProd.Workers.Render.Narration;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// Two scenes with a line each, spoken by espeak-ng, mixed over the ducked music bed and normalised: the cues sit in
/// their scenes, the subtitles say the same, the mix measures -14 LUFS and the technical gate hears the voice.
/// </summary>
[Category("Integration")]
public class When_a_narrated_video_is_composed
{
    private MediaKit _kit = null!;
    private ComposeResultHolder _composed = null!;

    private sealed record ComposeResultHolder(string File, AiProd.Workers.Render.ComposeResult Result);

    [OneTimeSetUp]
    public async Task Compose_two_narrated_scenes()
    {
        _kit = new MediaKit();
        Shot[] shots =
        [
            MediaKit.Shot("a", 0, 2.5, "cut", "waves", "static", "wide", width: 320, height: 180) with { Narration = "A lighthouse stands at dusk." },
            MediaKit.Shot("b", 1, 2.5, "cut", "rings", "static", "wide", width: 320, height: 180) with { SceneIndex = 1, Narration = "Waves break on the rocks." },
        ];
        var clips = new List<string>();
        foreach (var shot in shots)
            clips.Add(await _kit.MakeClipAsync($"{shot.ShotId}.mp4", "testsrc2=s=320x180:r=24", 2.5, audio: false));
        var output = _kit.PathOf("narrated.mp4");
        var request = new VideoRequest("A lighthouse at dusk", 5, "16:9", "720p") { BurnSubtitles = true };
        var result = await _kit.Composer().ComposeAsync(Guid.NewGuid(), request, shots, clips, output, CancellationToken.None);
        _composed = new(output, result);
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [Test]
    public void Should_place_each_line_inside_its_own_scene()
    {
        var cues = _composed.Result.Narration;
        Assert.That(cues.Select(c => c.Text), Is.EqualTo(new[] { "A lighthouse stands at dusk.", "Waves break on the rocks." }));
        Assert.That(cues[0].StartSeconds, Is.EqualTo(0.25).Within(0.01));
        Assert.That(cues[0].EndSeconds, Is.LessThanOrEqualTo(2.5 + 0.25 - 0.2 + 0.01));
        Assert.That(cues[1].StartSeconds, Is.EqualTo(2.75).Within(0.01));
        Assert.That(cues[1].EndSeconds, Is.LessThanOrEqualTo(5.0));
    }

    [Test]
    public void Should_write_subtitles_that_say_what_the_voice_says_when_it_says_it()
    {
        var srt = SubtitleWriter.Srt(_composed.Result.Narration);
        Assert.That(srt, Does.StartWith("1\n00:00:00,250 --> 00:00:0"));
        Assert.That(srt, Does.Contain("\n2\n00:00:02,750 --> ").And.Contain("Waves break on the rocks."));
        Assert.That(SubtitleWriter.WebVtt(_composed.Result.Narration), Does.StartWith("WEBVTT\n\n00:00:00.250 --> "));
    }

    [Test]
    public async Task Should_measure_minus_14_LUFS_and_hear_the_narration()
    {
        var report = await _kit.TechnicalQa().CheckAsync(
            _composed.File, new QaExpectations(5, 1280, 720, 24, Narration: _composed.Result.Narration), [], CancellationToken.None);
        var loudness = report.Checks.Single(c => c.Name == "loudness");
        var narration = report.Checks.Single(c => c.Name == "narration");
        Assert.That(loudness.Passed, Is.True, loudness.Actual);
        Assert.That(narration.Passed, Is.True, narration.Actual);
        Assert.That(report.Passed, Is.True, string.Join(" ", report.Reasons));
    }

    [Test]
    public async Task Should_fail_the_narration_check_on_the_same_mix_without_a_voice()
    {
        // The first cue against a clip whose audio is one steady tone: nothing stands out where the line is.
        var tone = await _kit.MakeClipAsync("tone.mp4", "testsrc2=s=1280x720:r=24", 5);
        var report = await _kit.TechnicalQa().CheckAsync(tone, new QaExpectations(5, 1280, 720, 24, Narration: [_composed.Result.Narration[0]]), [], CancellationToken.None);
        Assert.That(report.Checks.Single(c => c.Name == "narration").Passed, Is.False);
    }
}
