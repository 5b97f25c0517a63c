using AiProd.Contracts;
using AiProd.Workers.Qa;

namespace AiProd.Workers.Tests.Media;

/// <summary>The narration check as a pure function of the momentary loudness series.</summary>
public class When_narration_presence_is_checked
{
    private static readonly NarrationCue[] Cues = [new(0, "A lighthouse stands at dusk.", 0.5, 2.5), new(1, "Waves break below.", 4.0, 6.0)];

    private static IReadOnlyList<(double, double)> Series(Func<double, double> level) =>
        [.. Enumerable.Range(0, 70).Select(i => (i / 10.0, level(i / 10.0)))];

    [Test]
    public void Should_pass_when_the_voice_stands_above_the_ducked_music()
    {
        var outcome = TechnicalChecks.NarrationCheck(Cues, Series(t => Cues.Any(c => t >= c.StartSeconds && t <= c.EndSeconds) ? -12 : -24), new QaOptions());
        Assert.That(outcome.Check.Passed, Is.True, outcome.Check.Actual);
    }

    [Test]
    public void Should_fail_a_mix_with_the_same_level_throughout()
    {
        var outcome = TechnicalChecks.NarrationCheck(Cues, Series(_ => -14), new QaOptions());
        Assert.That(outcome.Check.Passed, Is.False);
        Assert.That(outcome.Reason, Does.Contain("does not stand out"));
    }
}
