using AiProd.Contracts;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Visual;

namespace AiProd.Workers.Tests.Visual;

public class When_translating_any_plan_into_shots
{
    private static IEnumerable<TestCaseData> Requests() =>
        from prompt in Planning.Prompts
        from duration in new[] { 2.0, 2.5, 7.3, 10.0, 60.0 }
        from format in new[] { ("16:9", "720p", 24), ("9:16", "1080p", 60) }
        select new TestCaseData(new VideoRequest(prompt, duration, format.Item1, format.Item2, 5m, format.Item3))
            .SetName($"{duration} s {format.Item1} {format.Item2}: {prompt[..Math.Min(20, prompt.Length)]}");

    [TestCaseSource(nameof(Requests))]
    public void Should_keep_every_rule(VideoRequest request)
    {
        var direction = Planning.Direct(request);
        var shots = Planning.Translator.Translate(request, direction);
        var size = FrameSize.For(request.AspectRatio, request.Resolution);

        Assert.Multiple(() =>
        {
            Assert.That(shots.Sum(s => s.DurationSeconds), Is.EqualTo(request.DurationSeconds).Within(1e-9), "total");
            Assert.That(shots.Select(s => s.Order), Is.EqualTo(Enumerable.Range(0, shots.Count)), "order");
            Assert.That(shots[^1].TransitionOut, Is.EqualTo("cut"), "last transition");
            Assert.That(shots.Select(s => s.ShotId), Is.Unique, "ids");
            foreach (var scene in direction.Scenes)
            {
                var ofScene = shots.Where(s => s.SceneIndex == scene.Index).ToList();
                Assert.That(ofScene, Has.Count.InRange(1, 5), $"scene {scene.Index}");
                Assert.That(ofScene.Sum(s => s.DurationSeconds), Is.EqualTo(scene.DurationSeconds).Within(1e-9), $"scene {scene.Index} sum");
                Assert.That(ofScene.Select(s => s.ShotId), Is.EqualTo(ofScene.Select((_, n) => $"c1-s{scene.Index:00}-sh{n + 1:00}")));
            }

            foreach (var shot in shots)
            {
                Assert.That(shot.DurationSeconds, Is.GreaterThanOrEqualTo(1.2), shot.ShotId);
                Assert.That(ShotVocabulary.Framings, Does.Contain(shot.Framing), shot.ShotId);
                Assert.That(ShotVocabulary.Movements, Does.Contain(shot.Movement), shot.ShotId);
                Assert.That(ShotVocabulary.Transitions, Does.Contain(shot.TransitionOut), shot.ShotId);
                Assert.That(ShotVocabulary.Patterns, Does.Contain(shot.Spec.Pattern), shot.ShotId);
                Assert.That(shot.Keyframes, Has.Count.EqualTo(3), shot.ShotId);
                Assert.That((shot.Spec.Width, shot.Spec.Height, shot.Spec.FrameRate), Is.EqualTo((size.Width, size.Height, request.FrameRate)));
                Assert.That(shot.Spec.PrimaryColor, Does.Match("^#[0-9a-f]{6}$"));
                Assert.That(shot.Spec.SecondaryColor, Does.Match("^#[0-9a-f]{6}$"));
                Assert.That(shot.Spec.Brightness, Is.InRange(0.35, 1.0));
                Assert.That(shot.Spec.MotionIntensity, Is.InRange(0.0, 1.0));
                Assert.That(shot.Spec.Caption.Length, Is.InRange(0, 48));
            }

            // A caption is shown once: on its scene's first shot, never again on a later shot.
            var captions = shots.Select(s => s.Spec.Caption).Where(c => c.Length > 0).ToList();
            Assert.That(captions, Is.Unique, "captions repeat");
            Assert.That(captions, Is.Not.Empty, "no caption at all");
            foreach (var shot in shots.Where(s => s.Spec.Caption.Length > 0))
                Assert.That(shots.First(s => s.SceneIndex == shot.SceneIndex).ShotId, Is.EqualTo(shot.ShotId), "caption on a later shot");
            Assert.That(shots.Where(s => s.Narration.Length > 0).Select(s => s.SceneIndex), Is.EqualTo(direction.Scenes.Select(s => s.Index)), "one line per scene");
        });
    }

    [Test]
    public void Should_use_the_creative_attempt_in_the_ids()
    {
        var request = new VideoRequest("A calm lake", 4);
        var shots = Planning.Translator.Translate(request, Planning.Direct(request, attempt: 3));

        Assert.That(shots[0].ShotId, Does.Match(@"^c3-s00-sh01$"));
    }

    [Test]
    public void Should_give_the_same_shots_every_time()
    {
        var request = new VideoRequest(Planning.Prompts[1], 20);

        var first = Planning.Json(Planning.Shots(request));
        var second = Planning.Json(Planning.Shots(request));

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Should_refuse_a_plan_without_scenes() =>
        Assert.That(() => Planning.Translator.Translate(new VideoRequest("A lake"), new CreativeDirection(1, "t", [], [])),
            Throws.TypeOf<StepException>().With.Property(nameof(StepException.Code)).EqualTo("no_scenes"));
}

public class When_choosing_how_many_shots_a_scene_gets
{
    private static Scene Scene(string beat, double seconds, string camera = "slow push in") =>
        new(0, beat, "Key moment: a fox runs", camera, "soft daylight", "serene", seconds);

    [Test]
    public void Should_give_the_climax_more_shots_than_the_setup_of_the_same_length() =>
        Assert.That(ShotPlanner.ShotCount(Scene("climax", 6)), Is.GreaterThan(ShotPlanner.ShotCount(Scene("setup", 6))));

    [TestCase("climax", 1.5, 1)]
    [TestCase("climax", 2.4, 2)]
    [TestCase("climax", 6.0, 4)]
    [TestCase("climax", 30.0, 5)]
    [TestCase("setup", 6.0, 2)]
    [TestCase("resolution", 3.0, 1)]
    public void Should_scale_with_length_within_one_to_five(string beat, double seconds, int expected) =>
        Assert.That(ShotPlanner.ShotCount(Scene(beat, seconds)), Is.EqualTo(expected));

    [Test]
    public void Should_halve_the_shots_for_a_long_take() =>
        Assert.That(ShotPlanner.ShotCount(Scene("climax", 6, $"fast push in, {DirectionCues.LongTake}")), Is.EqualTo(2));

    [Test]
    public void Should_never_cut_shorter_than_one_point_two_seconds()
    {
        for (var centis = 150; centis <= 1500; centis += 7)
        {
            var scene = Scene("climax", centis / 100.0);
            var durations = ShotPlanner.Durations(scene, ShotPlanner.ShotCount(scene));
            Assert.That(durations, Has.All.GreaterThanOrEqualTo(120));
            Assert.That(durations.Sum(), Is.EqualTo(centis));
        }
    }
}

public class When_framing_and_moving_the_camera
{
    [TestCase("setup", 3, "extreme wide,wide,medium")]
    [TestCase("climax", 5, "wide,medium,close-up,extreme close-up,extreme close-up")]
    [TestCase("resolution", 3, "close-up,medium,wide")]
    [TestCase("resolution", 1, "wide")]
    [TestCase("falling", 2, "medium,wide")]
    public void Should_progress_the_framing_by_beat(string beat, int count, string framings) =>
        Assert.That(Enumerable.Range(0, count).Select(n => ShotPlanner.Framing(beat, n, count)), Is.EqualTo(framings.Split(',')));

    [TestCase("slow establishing pan right", "pan right")]
    [TestCase("tracking pan left with the action", "pan left")]
    [TestCase("slow crane tilt down onto the scene", "tilt down")]
    [TestCase("tilt up to the sky", "tilt up")]
    [TestCase("fast push in", "push in")]
    [TestCase("slow pull out to a wide view", "pull out")]
    [TestCase("orbit around the subject", "orbit")]
    [TestCase("handheld follow", "handheld")]
    [TestCase("handheld follow, steady", "static")]
    [TestCase("static wide hold", "static")]
    [TestCase("something poetic", "static")]
    public void Should_read_the_movement_from_the_camera_text(string camera, string movement) =>
        Assert.That(ShotVocabulary.MovementFrom(camera), Is.EqualTo(movement));
}

public class When_subtitles_are_burned_in
{
    [Test]
    public void Should_draw_no_shot_captions_so_the_subtitles_are_the_only_text()
    {
        var request = new VideoRequest("A lighthouse at dusk, waves crashing on the rocks", 10) { BurnSubtitles = true };
        var shots = Planning.Translator.Translate(request, Planning.Direct(request));
        Assert.That(shots.Select(s => s.Spec.Caption), Is.All.Empty);
        Assert.That(shots.Where(s => s.Narration.Length > 0), Is.Not.Empty);
    }
}
