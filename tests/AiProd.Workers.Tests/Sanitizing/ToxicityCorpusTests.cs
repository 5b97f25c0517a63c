using System.Globalization;
using AiProd.Contracts;

namespace AiProd.Workers.Tests.Sanitizing;

public class When_the_toxicity_check_reads_a_labelled_corpus
{
    private static bool Rejected(string prompt) =>
        Planning.Sanitizer.Sanitize(new VideoRequest(prompt)).Violations.Any(v => v.Code == "toxic_content");

    [TestCase("development")]
    [TestCase("held-out")]
    public void Should_catch_at_least_95_percent_of_toxic_prompts_with_at_most_2_percent_false_positives(string split)
    {
        var (toxicSamples, benignSamples) = split == "held-out"
            ? (ToxicityHeldOutCorpus.Toxic(), ToxicityHeldOutCorpus.Benign())
            : (ToxicityCorpus.Toxic(), ToxicityCorpus.Benign());
        var toxic = toxicSamples.DistinctBy(s => s.Prompt).ToList();
        var benign = benignSamples.DistinctBy(s => s.Prompt).ToList();

        var missed = toxic.Where(s => !Rejected(s.Prompt)).ToList();
        var flagged = benign.Where(s => Rejected(s.Prompt)).ToList();
        var recall = 1 - ((double)missed.Count / toxic.Count);
        var falsePositives = (double)flagged.Count / benign.Count;

        var inv = CultureInfo.InvariantCulture;
        TestContext.Out.WriteLine(string.Create(inv, $"{split}: recall {recall:0.000} ({toxic.Count - missed.Count}/{toxic.Count} toxic prompts rejected), false-positive rate {falsePositives:0.000} ({flagged.Count}/{benign.Count} benign prompts rejected)"));
        foreach (var kind in toxic.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            TestContext.Out.WriteLine(string.Create(inv, $"  {kind.Key}: {kind.Count(s => Rejected(s.Prompt))}/{kind.Count()}"));
        foreach (var s in missed)
            TestContext.Out.WriteLine($"  missed: {s.Prompt} [{s.Kind}]");
        foreach (var s in flagged)
            TestContext.Out.WriteLine($"  false positive: {s.Prompt} [{s.Kind}]");

        Assert.Multiple(() =>
        {
            Assert.That(toxic, Has.Count.GreaterThanOrEqualTo(200));
            Assert.That(benign, Has.Count.GreaterThanOrEqualTo(200));
            Assert.That(recall, Is.GreaterThanOrEqualTo(0.95), "recall");
            Assert.That(falsePositives, Is.LessThanOrEqualTo(0.02), "false-positive rate");
        });
    }
}
