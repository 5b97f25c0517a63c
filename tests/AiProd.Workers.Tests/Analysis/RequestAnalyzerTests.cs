using AiProd.Contracts;
using AiProd.Workers.Creative.Analysis;

namespace AiProd.Workers.Tests.Analysis;

public class When_analyzing_prompts_of_growing_complexity
{
    [Test]
    public void Should_score_a_busy_prompt_above_a_simple_one()
    {
        var simple = Planning.Analyze(new VideoRequest("Calm lake"));
        var busy = Planning.Analyze(new VideoRequest(Planning.Prompts[2]));

        Assert.That(busy.Complexity, Is.GreaterThan(simple.Complexity));
    }

    [Test]
    public void Should_grow_with_each_added_feature()
    {
        var steps = new[]
        {
            "A lake",
            "A woman walks by a lake",
            "A woman walks by a lake, then runs into the forest",
            "A woman walks by a lake, then runs into the forest while a dog chases a bird, aerial drone shot",
        };

        var scores = steps.Select(p => Planning.Analyze(new VideoRequest(p)).Complexity).ToList();

        Assert.That(scores, Is.Ordered.Ascending);
        Assert.That(scores.Distinct().Count(), Is.EqualTo(steps.Length));
    }

    [Test]
    public void Should_grow_with_duration()
    {
        var shortVideo = Planning.Analyze(new VideoRequest("A calm lake", DurationSeconds: 5));
        var longVideo = Planning.Analyze(new VideoRequest("A calm lake", DurationSeconds: 50));

        Assert.That(longVideo.Complexity, Is.GreaterThan(shortVideo.Complexity));
    }

    [TestCaseSource(typeof(Planning), nameof(Planning.Prompts))]
    public void Should_name_every_factor_and_add_them_up_to_the_score(string prompt)
    {
        var analysis = Planning.Analyze(new VideoRequest(prompt));

        Assert.That(analysis.Factors.Keys, Is.EquivalentTo(new[] { "length", "subjects", "actions", "sequencing", "locations", "camera", "characters", "duration" }));
        Assert.That(analysis.Complexity, Is.EqualTo(analysis.Factors.Values.Sum()).Within(1e-3).And.InRange(0.0, 1.0));
    }

    [Test]
    public void Should_count_sequencing_words()
    {
        var analysis = Planning.Analyze(new VideoRequest("A dog sits, then jumps, after that it sleeps while it rains"));

        Assert.That(analysis.Factors["sequencing"], Is.EqualTo(0.15).Within(1e-9));
    }
}

public class When_deciding_the_scene_count
{
    [TestCase(2.0, 0.0, 1)]
    [TestCase(6.0, 0.0, 1)]
    [TestCase(12.0, 0.0, 2)]
    [TestCase(12.0, 1.0, 4)]
    [TestCase(30.0, 0.0, 5)]
    [TestCase(30.0, 1.0, 10)]
    [TestCase(60.0, 0.0, 10)]
    [TestCase(60.0, 1.0, 10)]
    [TestCase(4.0, 1.0, 1)]
    public void Should_aim_for_six_second_scenes_when_simple_and_three_when_complex(double duration, double complexity, int expected) =>
        Assert.That(RequestAnalyzer.SceneCount(duration, complexity), Is.EqualTo(expected));

    [Test]
    public void Should_stay_within_one_to_ten_and_never_make_a_scene_shorter_than_one_and_a_half_seconds()
    {
        for (var centis = 200; centis <= 6000; centis += 37)
        {
            for (var complexity = 0.0; complexity <= 1.0; complexity += 0.125)
            {
                var duration = centis / 100.0;
                var count = RequestAnalyzer.SceneCount(duration, complexity);
                Assert.That(count, Is.InRange(1, 10));
                Assert.That(duration / count, Is.GreaterThanOrEqualTo(1.5), $"{duration} s, complexity {complexity}");
            }
        }
    }

    [Test]
    public void Should_give_more_scenes_to_a_more_complex_prompt_of_the_same_length()
    {
        var simple = Planning.Analyze(new VideoRequest("Calm lake", DurationSeconds: 30));
        var busy = Planning.Analyze(new VideoRequest(Planning.Prompts[2], DurationSeconds: 30));

        Assert.That(busy.SceneCount, Is.GreaterThan(simple.SceneCount));
    }
}

public class When_picking_subjects
{
    [Test]
    public void Should_put_characters_first_then_places_then_nouns_before_their_modifiers()
    {
        var analysis = Planning.Analyze(new VideoRequest("A red car drives past the old dog in the city"));

        Assert.That(analysis.Subjects, Is.EqualTo(new[] { "dog", "city", "car", "red" }));
    }

    [Test]
    public void Should_rank_repeated_words_higher_and_keep_one_form_per_word()
    {
        var analysis = Planning.Analyze(new VideoRequest("Lanterns float; a lantern glows, the lanterns rise over water"));

        Assert.That(analysis.Subjects[0], Is.EqualTo("lanterns"));
        Assert.That(analysis.Subjects, Does.Not.Contain("lantern").And.Not.Contain("the").And.Not.Contain("float"));
    }

    [Test]
    public void Should_report_at_most_eight()
    {
        var analysis = Planning.Analyze(new VideoRequest("apple banana cherry grape lemon mango olive peach pear plum"));

        Assert.That(analysis.Subjects, Has.Count.EqualTo(RequestAnalyzer.MaxSubjects));
    }
}
