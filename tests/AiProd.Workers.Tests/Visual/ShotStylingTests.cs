using System.Text.RegularExpressions;
using AiProd.Contracts;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Visual;

namespace AiProd.Workers.Tests.Visual;

public class When_choosing_transitions
{
    private static Scene Scene(string beat, string mood) => new(0, beat, "d", "static", "soft daylight", mood, 3);

    [TestCase("setup", "serene", "rising", "dissolve")]
    [TestCase("rising", "energetic", "climax", "slide")]
    [TestCase("climax", "intense", "falling", "wipe")]
    [TestCase("falling", "intense", "resolution", "fade")]
    [TestCase("rising", "uplifting", "climax", "cut")]
    public void Should_pick_the_scene_change_from_mood_and_beat(string beat, string mood, string nextBeat, string transition) =>
        Assert.That(ShotPlanner.TransitionOut(Scene(beat, mood), Scene(nextBeat, "calm"), lastShotOfScene: true), Is.EqualTo(transition));

    [Test]
    public void Should_cut_inside_a_scene() =>
        Assert.That(ShotPlanner.TransitionOut(Scene("setup", "serene"), Scene("rising", "calm"), lastShotOfScene: false), Is.EqualTo("cut"));

    [Test]
    public void Should_cut_at_the_end_of_the_video() =>
        Assert.That(ShotPlanner.TransitionOut(Scene("resolution", "serene"), null, lastShotOfScene: true), Is.EqualTo("cut"));
}

public class When_styling_a_shot
{
    private static Scene Scene(string lighting = "moonlit", string mood = "mysterious", string camera = "slow push in", string description = "Key moment: a fox runs through a snowy forest at night; the end.") =>
        new(0, "rising", description, camera, lighting, mood, 3);

    [Test]
    public void Should_lift_exposure_for_bright_and_lower_it_for_low_key_but_never_to_near_black()
    {
        Assert.That(ShotStyler.Brightness("bright moonlit"), Is.GreaterThan(ShotStyler.Brightness("moonlit")));
        Assert.That(ShotStyler.Brightness("low-key moonlit"), Is.LessThan(ShotStyler.Brightness("moonlit")).And.EqualTo(ShotStyler.MinBrightness));
        Assert.That(ShotStyler.Brightness("bright bright daylight"), Is.EqualTo(1.0));
    }

    [Test]
    public void Should_take_colours_from_lighting_and_mood()
    {
        var (primary, secondary) = ShotStyler.Palette(Scene());

        Assert.That((primary, secondary), Is.EqualTo(("#1f3a5f", "#6c4f8c")));
    }

    [Test]
    public void Should_push_colours_apart_for_high_contrast()
    {
        var plain = ShotStyler.Palette(Scene());
        var contrast = ShotStyler.Palette(Scene(lighting: "high-contrast moonlit"));

        double Gap((string P, string S) c) => Math.Abs(Rgb.Luminance(c.P) - Rgb.Luminance(c.S));
        Assert.That(Gap(contrast), Is.GreaterThan(Gap(plain)));
    }

    [Test]
    public void Should_move_more_for_handheld_energetic_dynamic_shots_than_static_calm_steady_ones()
    {
        var busy = ShotStyler.MotionIntensity(Scene(mood: "energetic intense", camera: $"handheld, {DirectionCues.Dynamic}"), "handheld");
        var calm = ShotStyler.MotionIntensity(Scene(mood: "calm serene", camera: $"static tripod shot, {DirectionCues.Steady}"), "static");

        Assert.That(busy, Is.EqualTo(1.0));
        Assert.That(calm, Is.Zero);
    }

    [Test]
    public void Should_blur_less_with_crisp_focus() =>
        Assert.That(ShotStyler.MotionIntensity(Scene(camera: $"slow push in, {DirectionCues.CrispFocus}"), "push in"),
            Is.LessThan(ShotStyler.MotionIntensity(Scene(), "push in")));

    [TestCase("Key moment: waves crash on the beach", "soft daylight", "waves")]
    [TestCase("Opening: snow falls on the village", "cold overcast", "particles")]
    [TestCase("Opening: a fox in the forest", "moonlit", "rings")]
    [TestCase("Opening: a busy city street", "soft daylight", "bars")]
    [TestCase("Opening: a cup of tea", "soft daylight", "gradient")]
    public void Should_pick_the_pattern_from_what_the_scene_shows(string description, string lighting, string pattern) =>
        Assert.That(ShotStyler.Pattern(Scene(lighting: lighting, description: description)), Is.EqualTo(pattern));

    [Test]
    public void Should_caption_the_core_of_the_description_within_48_characters()
    {
        var caption = ShotStyler.Caption("Key moment: a fox runs through a snowy forest at night under the stars; the end.");

        Assert.That(caption, Is.EqualTo("A fox runs through a snowy forest at night..."));
        Assert.That(caption, Has.Length.LessThanOrEqualTo(48));
    }

    [Test]
    public void Should_describe_start_middle_and_end_frames()
    {
        var frames = ShotPlanner.Keyframes(Scene(), "wide", "push in", "a fox");

        Assert.That(frames[0], Does.StartWith("start (wide)"));
        Assert.That(frames[1], Does.Contain("pushes in"));
        Assert.That(frames[2], Does.StartWith("end (medium)"));
        Assert.That(Regex.IsMatch(string.Join(" ", frames), "moonlit"), Is.True);
    }
}
