using AiProd.Contracts;
using AiProd.Workers.Creative.Direction;

namespace AiProd.Workers.Tests.Creative;

public class When_directing_scenes_for_a_duration
{
    private static IEnumerable<TestCaseData> DurationsAndCounts() =>
        from duration in new[] { 2.0, 2.5, 7.3, 10.0, 13.37, 60.0 }
        from count in Enumerable.Range(1, 10)
        select new TestCaseData(duration, count).SetName($"{duration} s with {count} scene(s)");

    [TestCaseSource(nameof(DurationsAndCounts))]
    public void Should_make_scene_durations_add_up_exactly(double duration, int sceneCount)
    {
        var request = new VideoRequest("A fox runs through a snowy forest at night", duration);

        var scenes = Planning.Direct(request, analysis: Planning.WithScenes(sceneCount)).Scenes;

        Assert.That(scenes, Has.Count.EqualTo(Math.Min(sceneCount, (int)(Math.Round(duration * 100) / 150))));
        Assert.That(Math.Round(scenes.Sum(s => s.DurationSeconds), 2), Is.EqualTo(duration));
        Assert.That(scenes.Sum(s => s.DurationSeconds), Is.EqualTo(duration).Within(1e-9));
        Assert.That(scenes.Select(s => s.DurationSeconds), Has.All.GreaterThanOrEqualTo(1.5));
        Assert.That(scenes.Select(s => Math.Round(s.DurationSeconds, 2)), Is.EqualTo(scenes.Select(s => s.DurationSeconds)));
        Assert.That(scenes.Select(s => s.Index), Is.EqualTo(Enumerable.Range(0, scenes.Count)));
    }

    [Test]
    public void Should_give_the_climax_more_time_than_the_falling_action()
    {
        var scenes = Planning.Direct(new VideoRequest("A fox in a forest", 30), analysis: Planning.WithScenes(5)).Scenes;

        var climax = scenes.Single(s => s.Beat == NarrativeArc.Climax);
        Assert.That(scenes.Where(s => s.Beat != NarrativeArc.Climax).Select(s => s.DurationSeconds), Has.All.LessThan(climax.DurationSeconds));
        Assert.That(scenes.Select(s => s.Beat), Is.EqualTo(NarrativeArc.Beats(5)));
    }
}

public class When_directing_the_same_request_twice
{
    [TestCaseSource(typeof(Planning), nameof(Planning.Prompts))]
    public async Task Should_produce_the_same_plan(string prompt)
    {
        var command = Planning.Command(new VideoRequest(prompt, 20));
        var director = new OfflineCreativeDirector();

        var first = await director.DirectAsync(command, CancellationToken.None);
        var second = await director.DirectAsync(command, CancellationToken.None);

        Assert.That(Planning.Json(second), Is.EqualTo(Planning.Json(first)));
    }

    [Test]
    public void Should_vary_the_plan_between_attempts()
    {
        var request = new VideoRequest("A quiet afternoon with a cup of tea", 30);

        var plans = Enumerable.Range(1, 4).Select(a => Planning.Json(Planning.Direct(request, attempt: a).Scenes)).Distinct();

        Assert.That(plans.Count(), Is.GreaterThan(1));
    }
}

public class When_the_prompt_has_look_keywords
{
    [TestCase("A fox runs through the forest at night", "moonlit")]
    [TestCase("Sunset over a quiet harbour", "golden hour")]
    [TestCase("A lighthouse in a storm", "dramatic storm light")]
    [TestCase("Neon signs buzz", "neon glow")]
    public void Should_light_every_scene_to_match(string prompt, string lighting)
    {
        var scenes = Planning.Direct(new VideoRequest(prompt, 20)).Scenes;

        Assert.That(scenes.Select(s => s.Lighting), Has.All.EqualTo(lighting));
    }

    [Test]
    public void Should_keep_the_prompt_mood_on_the_setup()
    {
        var scenes = Planning.Direct(new VideoRequest("A fox at night", 20), analysis: Planning.WithScenes(3)).Scenes;

        Assert.That(scenes[0].Mood, Is.EqualTo("mysterious"));
    }
}

public class When_writing_titles_and_descriptions
{
    [TestCase("a fox runs through a snowy forest at night, alone", "A Fox Runs through a Snowy Forest")]
    [TestCase("Calm lake", "Calm Lake")]
    [TestCase("Sunset. Then the stars.", "Sunset")]
    public void Should_title_case_up_to_seven_words_of_the_first_clause(string prompt, string title) =>
        Assert.That(Planning.Direct(new VideoRequest(prompt)).Title, Is.EqualTo(title));

    [Test]
    public void Should_describe_each_scene_from_the_prompt_and_a_subject()
    {
        var scenes = Planning.Direct(new VideoRequest("A fox runs through a snowy forest", 20), analysis: Planning.WithScenes(3)).Scenes;

        Assert.That(scenes.Select(s => s.Description), Has.All.Contains("a fox runs through a snowy forest"));
        Assert.That(scenes[0].Description, Does.Contain("fox"));
        Assert.That(scenes[1].Description, Does.Contain("forest"));
    }
}
