using AiProd.Contracts;
using AiProd.Providers.Gemini;
using AiProd.Workers.Common;
using AiProd.Workers.Qa.Gemini;

namespace AiProd.Workers.Tests.Creative;

/// <summary>
/// The consistency scorer's "consistent-look" and "follow-the-prompt" items (also Gemini's) change the refine: one look
/// across scenes and within each scene's shots, and scenes, shot prompts and captions that lead with the prompt.
/// </summary>
public class When_qa_asked_for_consistency_and_the_prompt
{
    private static readonly VideoRequest Request = new("A quiet afternoon with a cup of tea", 30);

    private static CreativeDirection Retry(params string[] feedback) =>
        Planning.Direct(Request, attempt: 2, analysis: Planning.WithScenes(5), feedback: feedback, previous: Planning.Direct(Request, analysis: Planning.WithScenes(5)));

    [Test]
    public void Should_keep_one_look_across_scenes_and_one_movement_and_style_within_each_scene_for_consistent_look()
    {
        var plan = Retry("consistent-look: the shots spread widely in palette and brightness; keep one palette.");
        var plain = Retry();
        var shots = Planning.Translator.Translate(Request, plan);
        var plainShots = Planning.Translator.Translate(Request, plain);
        Assert.Multiple(() =>
        {
            Assert.That(plain.Scenes.Select(s => s.Mood).Distinct().Count(), Is.GreaterThan(1), "by default every beat shifts the mood");
            Assert.That(plan.Scenes.Select(s => s.Mood).Distinct().Count(), Is.EqualTo(1), "one mood, so one palette");
            Assert.That(plan.Scenes.Select(s => s.Lighting), Has.All.EndsWith(", " + DirectionCues.OneLook));
            Assert.That(shots.Select(s => (s.Spec.PrimaryColor, s.Spec.SecondaryColor)).Distinct().Count(), Is.EqualTo(1), "every shot shares the palette");
            Assert.That(plainShots.GroupBy(s => s.SceneIndex).Any(g => g.Select(s => s.Movement).Distinct().Count() > 1), Is.True, "by default shots alternate movements");
            Assert.That(shots.GroupBy(s => s.SceneIndex).Select(g => g.Select(s => s.Movement).Distinct().Count()), Has.All.EqualTo(1));
            Assert.That(shots.GroupBy(s => s.SceneIndex).Select(g => g.Select(s => s.Spec.MotionIntensity).Distinct().Count()), Has.All.EqualTo(1));
            Assert.That(shots.Select(s => s.Description), Has.All.Contains($"Style for every shot of this scene: {plan.Scenes[0].Lighting[..^(DirectionCues.OneLook.Length + 2)]}, {plan.Scenes[0].Mood} mood."));
            Assert.That(plan.Notes, Has.Some.StartsWith("consistent-look: one look for every scene").And.Some.Contains($"mood \"{plan.Scenes[0].Mood}\""));
            Assert.That(plan.Notes, Has.None.Contains("ignored feedback"));
        });
    }

    [Test]
    public void Should_re_anchor_scenes_shot_prompts_and_captions_on_the_prompts_subjects_for_follow_the_prompt()
    {
        var plan = Retry("follow-the-prompt: scenes and narration stray from the prompt (sentence embeddings: …).");
        var plain = Retry();
        var shots = Planning.Translator.Translate(Request, plan);
        var captions = shots.Select(s => s.Spec.Caption).Where(c => c.Length > 0).ToList();
        const string anchor = "a quiet afternoon with a cup of tea";
        Assert.Multiple(() =>
        {
            Assert.That(plain.Scenes.Count(s => s.Description.Contains(" — " + anchor, StringComparison.Ordinal)), Is.Zero);
            Assert.That(plan.Scenes.Select(s => s.Description), Has.All.Contains(" — " + anchor));
            Assert.That(plan.Scenes.Select(s => s.Description), Has.All.Matches("the (fox|forest) — "));
            Assert.That(shots.Select(s => s.Description), Has.All.Contains(anchor), "every shot prompt carries the prompt");
            Assert.That(captions, Has.Count.GreaterThan(1).And.All.Matches("^The (fox|forest) — a quiet afternoon"));
            Assert.That(captions, Is.Unique, "captions never repeat");
            Assert.That(plan.Notes, Has.Some.StartsWith("follow-the-prompt: scene descriptions, shot prompts and captions re-anchored").And.Some.Contains("(fox, forest)"));
            Assert.That(plan.Notes, Has.None.Contains("ignored feedback"));
        });
    }

    [Test]
    public void Should_list_both_tags_in_the_gemini_qa_prompt()
    {
        var command = new RunSemanticQa(Guid.NewGuid(), 1, "file:///tmp/v.mp4", Request, new CreativeDirection(1, "T", [], []), [], []);
        var request = QaPrompt.Build(command, "plan", [], new GeminiOptions());
        var system = request.SystemInstruction!.Parts[0].Text;
        Assert.That(system, Does.Contain(FeedbackTags.ConsistentLook).And.Contain(FeedbackTags.FollowThePrompt).And.Contain(FeedbackTags.Steadier));
    }
}
