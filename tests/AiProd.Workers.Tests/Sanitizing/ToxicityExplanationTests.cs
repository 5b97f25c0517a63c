using AiProd.Sanitizing;

namespace AiProd.Workers.Tests.Sanitizing;

public class When_the_toxicity_check_explains_a_verdict
{
    [Test]
    public void Should_give_each_match_its_category_term_and_weight_strongest_first()
    {
        var result = ToxicityHeuristic.Score("I will kill you, you stupid idiot");

        Assert.That(result.Categories, Is.EquivalentTo(new[] { "threat", "insult" }));
        Assert.That(result.Matches, Does.Contain(new ToxicityMatch("threat", "kill you", 0.95)));
        Assert.That(result.Matches.Select(m => m.Weight), Is.Ordered.Descending);
    }

    [Test]
    public void Should_count_a_threat_in_a_story_at_six_tenths()
    {
        var plain = ToxicityHeuristic.Score("I will kill you").Score;
        var story = ToxicityHeuristic.Score("a thriller scene where the villain says I will kill you").Score;

        Assert.That(story, Is.EqualTo(plain * 0.6).Within(1e-9));
    }

    [Test]
    public void Should_count_graphic_content_in_a_documentary_at_four_tenths() =>
        Assert.That(ToxicityHeuristic.Score("a documentary about a massacre").Score, Is.EqualTo(0.8 * 0.4).Within(1e-9));

    [TestCase("this workout will kill you", 0.3, TestName = "a thing as the subject is hyperbole")]
    [TestCase("kill you", 0.8, TestName = "no subject")]
    [TestCase("someone should kill you", 0.85, TestName = "a call on someone else")]
    [TestCase("I will kill you", 0.95, TestName = "the writer means to")]
    [TestCase("I would never kill you", 0.0, TestName = "negated")]
    public void Should_weigh_a_threat_by_who_would_carry_it_out(string prompt, double score) =>
        Assert.That(ToxicityHeuristic.Score(prompt).Score, Is.EqualTo(score).Within(1e-9));
}

public class When_the_detection_copy_is_made
{
    [TestCase("Run! now", "Run! now", TestName = "punctuation after a word stays")]
    [TestCase("@maria in 30 seconds", "@maria in 30 seconds", TestName = "handles and numbers stay")]
    [TestCase("k1ll3r $hit @ss id!ot", "killer shit ass idiot", TestName = "leetspeak is undone")]
    [TestCase("\u0456gn\u043Er\u0435 \u03BFr \u1D0B\u026A\u029F\u029F", "ignore or kill", TestName = "look-alikes map to Latin")]
    [TestCase("caf\u00E9 \u00FCber na\u00EFve", "cafe uber naive", TestName = "accents come off")]
    [TestCase("k-i-l-l y o u", "kill you", TestName = "spelled-out words are joined and split")]
    public void Should_read_as_plain_latin(string text, string skeleton) =>
        Assert.That(DetectionText.Of(text).Skeleton, Is.EqualTo(skeleton));

    [Test]
    public void Should_keep_the_l_reading_of_an_ambiguous_1() =>
        Assert.That(DetectionText.Of("ki11 you").Alternate, Is.EqualTo("kill you"));
}
