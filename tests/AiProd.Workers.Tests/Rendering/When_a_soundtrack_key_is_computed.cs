using AiProd.Contracts;
using AiProd.Workers.Render.Soundtracks;

namespace AiProd.Workers.Tests.Rendering;

/// <summary>A prepared soundtrack is used only for the plan it was made for: its key moves with what the sound depends on and nothing else.</summary>
public class When_a_soundtrack_key_is_computed
{
    private static readonly VideoRequest Request = new("A lighthouse at dusk", 3, "16:9", "720p");

    private static readonly Shot[] Plan =
    [
        new("a", 0, 0, "a lighthouse", "wide", "static", "dissolve", ["k"], 1.5, new ShotSpec(1280, 720, 24, "#d08040", "#203050", 0.7, 0.5, "waves", "L")) { Narration = "A lighthouse." },
        new("b", 1, 1, "the rocks", "close", "pan right", "cut", ["k"], 1.5, new ShotSpec(1280, 720, 24, "#d08040", "#203050", 0.6, 0.4, "rings", "R")) { Narration = "Rocks." },
    ];

    private static string Key(VideoRequest? request = null, Shot[]? shots = null, string voice = "espeak-ng", double target = -14) =>
        SoundtrackKey.For(request ?? Request, shots ?? Plan, 24, voice, target);

    [Test]
    public void Should_stay_the_same_for_what_the_sound_does_not_hear()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Key(), Does.Match("^[0-9a-f]{32}$"));
            Assert.That(SoundtrackKey.For(Request, [.. Plan], 24, "espeak-ng", -14), Is.EqualTo(Key()), "the same plan in another list");
            Assert.That(Key(Request with { BurnSubtitles = true, Formats = ["9:16"], BudgetUsd = 1m, Prompt = "other" }), Is.EqualTo(Key()));
            Assert.That(Key(shots: [Plan[0] with { TransitionOut = "cut", Description = "x", Framing = "close" }, Plan[1] with { Spec = Plan[1].Spec with { PrimaryColor = "#000000" } }]), Is.EqualTo(Key()));
        });
    }

    [Test]
    public void Should_change_with_the_lines_the_timing_the_voice_and_the_bed()
    {
        string[] keys =
        [
            Key(),
            Key(shots: [Plan[0], Plan[1] with { Narration = "Gulls." }]),
            Key(shots: [Plan[0], Plan[1] with { DurationSeconds = 2 }]),
            Key(shots: [Plan[0], Plan[1] with { SceneIndex = 0 }]),
            Key(shots: [Plan[0], Plan[1] with { ShotId = "c" }]),
            Key(shots: [Plan[0], Plan[1] with { Spec = Plan[1].Spec with { Brightness = 0.2 } }]),
            Key(shots: [Plan[0], Plan[1] with { Spec = Plan[1].Spec with { MotionIntensity = 0.9 } }]),
            Key(shots: [Plan[1], Plan[0]]),
            Key(Request with { Narration = false }),
            Key(Request with { Language = "fr" }),
            Key(Request with { Voice = "en-us" }),
            Key(Request with { SpeechRate = 1.2 }),
            Key(voice: "google-tts"),
            Key(target: -16),
            SoundtrackKey.For(Request, Plan, 30, "espeak-ng", -14),
        ];
        Assert.That(keys, Is.Unique);
    }
}
