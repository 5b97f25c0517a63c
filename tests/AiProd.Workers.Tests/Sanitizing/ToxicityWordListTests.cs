using System.Collections.Frozen;
using AiProd.Sanitizing;

namespace AiProd.Workers.Tests.Sanitizing;

public class When_a_prompt_is_tested_against_a_word_list
{
    private static readonly FrozenSet<string> Words = new[] { "kill", "stab", "shoot" }.ToFrozenSet(StringComparer.Ordinal);

    [TestCase("a knight will stab the dragon", true)]
    [TestCase("a knight greets the dragon", false)]
    [TestCase("", false)]
    [TestCase("Kill the lights", false)]
    public void Should_say_whether_they_share_a_word_whichever_side_is_smaller(string prompt, bool shared)
    {
        var few = Tokens(prompt);
        var many = Tokens(prompt + " " + string.Join(' ', Enumerable.Range(0, 50).Select(i => $"filler{i}")));

        Assert.That(ToxicityHeuristic.Shares(few, Words), Is.EqualTo(shared), "fewer tokens than words");
        Assert.That(ToxicityHeuristic.Shares(many, Words), Is.EqualTo(shared), "more tokens than words");
        Assert.That(ToxicityHeuristic.Shares(few, FrozenSet<string>.Empty), Is.False);
    }

    [Test]
    public void Should_still_find_a_threat_in_a_prompt_longer_than_every_word_list()
    {
        var scenery = string.Join(", ", Enumerable.Range(0, 300).Select(i => $"a quiet hill number {i} under a pale sky"));

        var result = ToxicityHeuristic.Score($"{scenery}. I will kill you.");

        Assert.That(result.Terms, Does.Contain("threat: kill you"));
        Assert.That(result.Score, Is.GreaterThanOrEqualTo(0.7));
    }

    private static HashSet<string> Tokens(string text) => [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
}
