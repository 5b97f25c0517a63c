using AiProd.Media;
using AiProd.Saga.Activities;
using AiProd.Workers.Qa;
using AiProd.Workers.Render;
using AiProd.Workers.Tests.Media;

namespace AiProd.Workers.Tests;

public class When_planning_transitions_and_timelines
{
    [TestCase("cut", 4.0, 0.0)]
    [TestCase("fade", 4.0, 0.5)]
    [TestCase("wipe", 1.0, 0.25)]
    [TestCase("unknown", 4.0, 0.0)]
    public void Should_overlap_by_half_a_second_or_a_quarter_of_the_shot(string transition, double seconds, double overlap) =>
        Assert.That(Transitions.OverlapSeconds(transition, seconds), Is.EqualTo(overlap).Within(1e-9));

    [Test]
    public void Should_map_plan_transitions_to_smooth_xfades()
    {
        Assert.That(Transitions.XfadeName("wipe"), Is.EqualTo("wipeleft"));
        Assert.That(Transitions.XfadeName("slide"), Is.EqualTo("slideleft"));
        Assert.That(Transitions.XfadeName("cut"), Is.Null);
    }

    [Test]
    public void Should_lay_out_fifty_uneven_shots_without_drift()
    {
        var shots = Enumerable.Range(0, 50)
            .Select(i => MediaKit.Shot($"s{i}", i, 1.0 / 3 + i % 3 * 0.37, i % 2 == 0 ? "dissolve" : "cut", "bars", "static", "wide"))
            .ToList();
        var plan = CompositionPlan.For(shots, 30);
        var total = shots.Sum(s => s.DurationSeconds);
        Assert.That(plan.TotalSeconds, Is.EqualTo(total).Within(1 / 30.0));
        Assert.That(plan.Shots.Zip(plan.Shots.Skip(1)).All(p => p.First.StartFrame + p.First.VisibleFrames == p.Second.StartFrame));
        Assert.That(plan.Shots[^1].OverlapFrames, Is.Zero);
        Assert.That(CompositionGraph.Build(plan, 1280, 720, shots.Count, 0), Does.Contain("[j49]").And.Contain("xfade=transition=fade"));
    }

    [TestCase(30, 2)]
    [TestCase(24, 2)]
    [TestCase(25, 1)]
    public void Should_lay_out_the_shots_around_one_as_the_whole_plan_does(int frameRate, int reach)
    {
        // Uneven lengths whose running total rounds differently from any per-shot sum, and short shots that cap an overlap.
        var shots = Enumerable.Range(0, 50)
            .Select(i => MediaKit.Shot($"s{i}", i, 1.0 / 3 + i % 3 * 0.37 + (i % 7 == 3 ? -0.3 : 0), i % 3 == 2 ? "cut" : i % 2 == 0 ? "dissolve" : "wipe", "bars", "static", "wide"))
            .ToList();
        var whole = CompositionPlan.For(shots, frameRate);
        var seen = new HashSet<string>();
        for (var i = 0; i < shots.Count; i++)
        {
            var (around, first) = CompositionPlan.Around(StepCommands.Around(shots, i, reach), frameRate);
            var from = Math.Max(0, i - reach) + first;
            Assert.That(around.Shots, Is.EqualTo(whole.Shots.Skip(from).Take(around.Shots.Count)), $"around shot {i}");
            if (reach == 2)
            {
                // The saga's reach: the shot and both its neighbours, fully laid out, so both its windows can be encoded.
                Assert.That(around.Shots.Select(s => s.ShotId), Is.SupersetOf(shots.Skip(Math.Max(0, i - 1)).Take(i == 0 ? 2 : 3).Select(s => s.ShotId)), $"around shot {i}");
            }

            seen.UnionWith(around.Shots.Select(s => s.ShotId));
        }

        Assert.That(seen, Has.Count.EqualTo(shots.Count), "every shot is laid out from some excerpt");
    }

    [Test]
    public void Should_escape_captions_and_paths_for_the_filter_graph() =>
        Assert.That(FilterEscaping.OptionValue("a:b'c,d"), Is.EqualTo(@"a\\:b\\\'c\,d"));

    [Test]
    public void Should_treat_a_freeze_without_an_end_as_running_to_the_end()
    {
        const string log = "[freezedetect @ 0x1] lavfi.freezedetect.freeze_start: 1.5\n[blackdetect @ 0x2] black_start:0 black_end:1.2 black_duration:1.2\n";
        var scan = DefectScanner.Parse(log, videoSeconds: 6, audioSeconds: 6);
        Assert.That(scan.Defects, Has.Some.Matches<AiProd.Contracts.QaDefect>(d => d.Kind == "frozen" && d.StartSeconds == 1.5 && d.DurationSeconds == 4.5));
        Assert.That(scan.Defects, Has.Some.Matches<AiProd.Contracts.QaDefect>(d => d.Kind == "black" && d.DurationSeconds == 1.2));
    }

    [Test]
    public void Should_wrap_long_captions_to_at_most_three_lines()
    {
        var text = ShotGraph.WrapCaption(string.Join(' ', Enumerable.Repeat("horizon", 60)), 1280, 720);
        Assert.That(text.Split('\n'), Has.Length.EqualTo(3));
        Assert.That(text, Does.EndWith("…"));
    }
}
