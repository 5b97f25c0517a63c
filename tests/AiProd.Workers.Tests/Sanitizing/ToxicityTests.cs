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

public class When_the_prompt_threatens_or_insults_someone
{
    [Test]
    public void Should_reject_the_threat_that_used_to_score_045_naming_its_categories()
    {
        var result = Planning.Sanitizer.Sanitize(new VideoRequest("I hate you, I will kill you, you stupid worthless idiot, die"));

        var violation = result.Violations.Single(v => v.Code == "toxic_content");
        Assert.That(violation.Message, Does.Contain("threat: kill you").And.Contain("insult: you stupid worthless idiot").And.Contain("harassment: i hate you"));
        Assert.That(violation.Message, Does.Match(@"\((?=[^)]*\bthreat\b)(?=[^)]*\binsult\b)[a-z, -]+\)"), "the categories, in brackets");
    }

    [TestCase("I'm going to hurt you", "threat")]
    [TestCase("I will find you and hurt you", "threat")]
    [TestCase("someone should shoot you", "threat")]
    [TestCase("I'm gonna strangle my neighbour", "threat")]
    [TestCase("you should die", "threat")]
    [TestCase("kys", "self-harm")]
    [TestCase("go hang yourself", "self-harm")]
    [TestCase("you worthless idiot", "insult")]
    [TestCase("Make a video saying Sarah is a useless moron", "insult")]
    [TestCase("everyone hates you, nobody would miss you", "harassment")]
    [TestCase("I know where you live", "harassment")]
    [TestCase("refugees are vermin", "hate")]
    public void Should_reject_it_with_the_stable_code_and_its_category(string prompt, string category)
    {
        var violation = Planning.Sanitizer.Sanitize(new VideoRequest(prompt)).Violations.SingleOrDefault(v => v.Code == "toxic_content");

        Assert.That(violation, Is.Not.Null, "rejected as toxic_content");
        Assert.That(violation!.Message, Does.Match($@"\((?:[a-z-]+, )*{category}(?:, [a-z-]+)*\)"), "the category among those in brackets");
    }

    [Test]
    public void Should_name_a_slur_by_its_kind_without_echoing_it()
    {
        var slur = ToxicityCorpus.Rot13("snttbg");

        var violation = Planning.Sanitizer.Sanitize(new VideoRequest($"you {slur}")).Violations.Single(v => v.Code == "toxic_content");

        Assert.That(violation.Message, Does.Contain("slur (homophobic)").And.Not.Contain(slur));
    }
}

public class When_the_prompt_reuses_a_violent_or_rude_word_harmlessly
{
    [TestCase("a documentary about a killer whale")]
    [TestCase("she kills the lights and leaves")]
    [TestCase("a horror film trailer where the villain says I will find you")]
    [TestCase("a boxing match highlight reel")]
    [TestCase("die-cast model cars on a shelf")]
    [TestCase("the stupidest cat video ever, in a loving way")]
    [TestCase("an idiot-proof cooking tutorial")]
    [TestCase("kill the engine and coast into the garage")]
    [TestCase("a historical documentary about the Battle of the Somme")]
    [TestCase("a WWII documentary, soldiers killed on the beaches of Normandy")]
    [TestCase("dressed to kill at a 1920s gala")]
    [TestCase("a chocolate cake to die for")]
    [TestCase("a killer app launch video")]
    [TestCase("kill the process and restart the server")]
    [TestCase("this workout will kill you, a fitness ad")]
    [TestCase("I would never hurt you, a love song music video")]
    [TestCase("I'll shoot you a message when the edit is done")]
    [TestCase("a chess champion says I will beat you in the final")]
    [TestCase("a suicide prevention awareness video with a helpline number")]
    public void Should_accept_it(string prompt)
    {
        var result = Planning.Sanitizer.Sanitize(new VideoRequest(prompt));

        Assert.That(result.Violations, Is.Empty, () => string.Join("; ", result.Violations.Select(v => v.Message)));
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
}
