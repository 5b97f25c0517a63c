using AiProd.Contracts;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Direction;

namespace AiProd.Workers.Tests.Creative;

public class When_semantic_qa_sent_feedback
{
    private static readonly VideoRequest Request = new("A quiet afternoon with a cup of tea", 30);

    private static CreativeDirection Retry(params string[] feedback) =>
        Planning.Direct(Request, attempt: 2, analysis: Planning.WithScenes(5), feedback: feedback, previous: Planning.Direct(Request, analysis: Planning.WithScenes(5)));

    [Test]
    public void Should_use_moving_cameras_and_energetic_moods_for_more_motion()
    {
        var plan = Retry("more-motion: the picture barely moves.");

        Assert.That(plan.Scenes.Select(s => s.Camera), Has.All.Contains(DirectionCues.Dynamic));
        Assert.That(plan.Scenes.Select(s => s.Mood), Has.All.StartWith("energetic"));
        Assert.That(plan.Notes, Has.Some.StartsWith("more-motion:"));
    }

    [TestCase("less-motion: too busy.", "less-motion:")]
    [TestCase("steadier: the camera shakes.", "steadier:")]
    public void Should_use_steady_cameras_without_handheld(string feedback, string note)
    {
        var plan = Retry(feedback);

        Assert.That(plan.Scenes.Select(s => s.Camera), Has.All.Contains(DirectionCues.Steady).And.All.Not.Contain("handheld"));
        Assert.That(plan.Scenes.Select(s => s.Mood), Has.All.StartWith("calm"));
        Assert.That(plan.Notes, Has.Some.StartsWith(note));
    }

    [TestCase("brighter: underexposed.", DirectionCues.Bright)]
    [TestCase("darker: washed out.", DirectionCues.LowKey)]
    [TestCase("more-contrast: flat picture.", DirectionCues.HighContrast)]
    public void Should_mark_the_lighting(string feedback, string cue)
    {
        var plan = Retry(feedback);

        Assert.That(plan.Scenes.Select(s => s.Lighting), Has.All.StartWith(cue + " "));
        Assert.That(plan.Notes, Has.Some.StartsWith(feedback[..feedback.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Test]
    public void Should_plan_one_scene_fewer_with_long_takes_for_fewer_cuts()
    {
        var plan = Retry("fewer-cuts: too many cuts.");

        Assert.That(plan.Scenes, Has.Count.EqualTo(4));
        Assert.That(plan.Scenes.Select(s => s.Camera), Has.All.Contains(DirectionCues.LongTake));
        Assert.That(plan.Scenes.Sum(s => s.DurationSeconds), Is.EqualTo(30).Within(1e-9));
        Assert.That(plan.Notes, Has.Some.Contains("5 → 4 scene(s)"));
    }

    [Test]
    public void Should_keep_reducing_scenes_when_fewer_cuts_comes_again()
    {
        var second = Retry("fewer-cuts: too many cuts.");

        var third = Planning.Direct(Request, attempt: 3, analysis: Planning.WithScenes(5), feedback: ["fewer-cuts: still choppy."], previous: second);

        Assert.That(third.Scenes, Has.Count.EqualTo(3));
    }

    [Test]
    public void Should_ask_for_crisp_focus_when_sharper()
    {
        var plan = Retry("sharper: soft detail.");

        Assert.That(plan.Scenes.Select(s => s.Camera), Has.All.Contains(DirectionCues.CrispFocus));
        Assert.That(plan.Notes, Has.Some.StartsWith("sharper:"));
    }

    [Test]
    public void Should_cancel_opposite_asks_and_say_so()
    {
        var plan = Retry("brighter: dark.", "darker: bright.");
        var unchanged = Retry();

        Assert.That(plan.Scenes.Select(s => s.Lighting), Is.EqualTo(unchanged.Scenes.Select(s => s.Lighting)));
        Assert.That(plan.Notes, Has.Some.Contains("conflicts"));
    }

    [Test]
    public void Should_note_feedback_it_cannot_act_on()
    {
        var plan = Retry("more-cowbell: needs more cowbell.");

        Assert.That(plan.Notes, Has.Some.Contains("more-cowbell"));
    }

    [Test]
    public void Should_ignore_feedback_on_the_first_attempt()
    {
        var plain = Planning.Direct(Request);
        var withFeedback = Planning.Direct(Request, feedback: ["more-motion: still."]);

        Assert.That(Planning.Json(withFeedback), Is.EqualTo(Planning.Json(plain)));
        Assert.That(withFeedback.Notes, Is.Empty);
    }

    [Test]
    public void Should_say_so_when_a_later_attempt_had_no_actionable_feedback()
    {
        var plan = Planning.Direct(Request, attempt: 2, feedback: []);

        Assert.That(plan.Notes, Has.Exactly(1).Contains("no actionable feedback"));
    }
}

public class When_an_approver_rejected_the_previous_version
{
    private static readonly VideoRequest Request = new("A quiet afternoon with a cup of tea", 30);

    [Test]
    public void Should_act_on_the_tags_of_the_comment_and_note_what_was_asked()
    {
        var previous = Planning.Direct(Request, analysis: Planning.WithScenes(5));
        var command = Planning.Command(Request, attempt: 2, analysis: Planning.WithScenes(5), previous: previous) with
        {
            ReviewerNotes = ["client: more-motion: it feels static."],
        };

        var plan = OfflineCreativeDirector.Direct(command);

        Assert.That(plan.Scenes.Select(s => s.Camera), Has.All.Contains(DirectionCues.Dynamic));
        Assert.That(plan.Notes, Has.Some.EqualTo("reviewer asked: client: more-motion: it feels static."));
    }
}
