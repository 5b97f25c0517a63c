using AiProd.Contracts;
using AiProd.Sanitizing;

namespace AiProd.Workers.Tests.Sanitizing;

public class When_the_prompt_is_clearly_toxic
{
    [TestCase("A massacre in the village", "violence: massacre")]
    [TestCase("Ethnic cleansing of a town", "hate: ethnic cleansing")]
    [TestCase("A porn scene", "sexual: porn")]
    [TestCase("A man wants to kill himself on a bridge", "self-harm: kill myself")]
    public void Should_reject_it_listing_the_terms(string prompt, string term)
    {
        var result = Planning.Sanitizer.Sanitize(new VideoRequest(prompt));

        var violation = result.Violations.Single(v => v.Code == "toxic_content");
        Assert.That(violation.Field, Is.EqualTo("prompt"));
        Assert.That(violation.Message, Does.Contain(term));
        Assert.That(violation.Message, Does.Contain("0.70"));
    }

    [Test]
    public void Should_undo_simple_leetspeak()
    {
        var result = ToxicityHeuristic.Score("a m4ss4cr3 and some g0r3");

        Assert.That(result.Terms, Is.EquivalentTo(new[] { "violence: massacre", "violence: gore" }));
    }
}

public class When_the_prompt_has_a_mildly_violent_word
{
    [Test]
    public void Should_accept_it_with_a_warning_and_the_score()
    {
        var result = Planning.Sanitizer.Sanitize(new VideoRequest("A knight kills a dragon at dawn"));

        Assert.That(result.IsAccepted, Is.True);
        Assert.That(result.Accepted!.ToxicityScore, Is.EqualTo(0.45).Within(1e-9));
        Assert.That(result.Accepted.Warnings, Has.Some.Contains("violence: kill"));
    }

    [Test]
    public void Should_add_several_mild_words_up_as_a_noisy_or()
    {
        // 1 − (1 − 0.45)(1 − 0.45) = 0.6975: still below the 0.7 threshold.
        Assert.That(ToxicityHeuristic.Score("he stabs, then kills").Score, Is.EqualTo(0.6975).Within(1e-9));
    }

    [Test]
    public void Should_reject_once_the_combined_score_reaches_the_threshold()
    {
        var result = Planning.Sanitizer.Sanitize(new VideoRequest("He stabs, kills and murders the guard"));

        Assert.That(result.Violations.Select(v => v.Code), Does.Contain("toxic_content"));
    }
}

public class When_a_word_only_contains_a_toxic_term
{
    [TestCase("A skilled killer whale hunts seals")]
    [TestCase("Sussex countryside in spring")]
    [TestCase("The 30 second countdown to launch")]
    public void Should_score_zero(string prompt) =>
        Assert.That(ToxicityHeuristic.Score(prompt).Score, Is.Zero);

    [Test]
    public void Should_not_turn_punctuation_after_a_word_into_a_letter() =>
        Assert.That(DetectionText.Of("Run! now").Skeleton, Is.EqualTo("Run! now"));
}
