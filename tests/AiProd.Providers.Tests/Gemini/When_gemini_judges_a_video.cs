using AiProd.Providers.Gemini;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Direction;
using AiProd.Workers.Creative.Gemini;
using AiProd.Workers.Qa;
using AiProd.Workers.Qa.Gemini;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Providers.Tests.Gemini;

[Category("Integration")]
public class When_gemini_judges_a_video
{
    private string _folder = null!;
    private string _video = null!;
    private string _other = null!;

    [OneTimeSetUp]
    public async Task MakeVideos()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gemini-qa-").FullName;
        _video = await VideoFixture.MakeAsync(_folder, "testsrc2");
        _other = await VideoFixture.MakeAsync(_folder, "mandelbrot");
    }

    [OneTimeTearDown]
    public void DeleteVideos() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Should_send_real_keyframes_with_the_plan_and_report_four_scores_with_reasons()
    {
        await using var kit = await GeminiKit.StartAsync(("Qa:SemanticPassThreshold", "6.5"));
        var report = await kit.SemanticQa.EvaluateAsync(_video, VideoFixture.Command(_video), CancellationToken.None);

        var call = kit.Stub.Calls.Single();
        var images = call.Body!["contents"]![0]!["parts"]!.AsArray().Select(p => p!["inlineData"]).OfType<System.Text.Json.Nodes.JsonNode>().ToList();
        var sent = GeminiKit.TextOf(call);
        Assert.Multiple(() =>
        {
            Assert.That(report.Evaluator, Is.EqualTo("gemini"));
            Assert.That(report.Threshold, Is.EqualTo(6.5), "the threshold comes from Qa:SemanticPassThreshold");
            Assert.That(report.Passed, Is.EqualTo(report.Overall.Score >= 6.5));
            Assert.That(new[] { report.VisualQuality, report.NarrativeCoherence, report.TechnicalExcellence, report.Overall }.Select(s => s.Score), Has.All.InRange(0, 10));
            Assert.That(report.VisualQuality.Basis, Does.Contain("4 frames received").And.Contain("gemini-2.5-flash, 4 keyframes at"));
            Assert.That(images, Has.Count.EqualTo(4));
            Assert.That(images.Select(i => i!["mimeType"]!.GetValue<string>()), Has.All.EqualTo("image/jpeg"));
            Assert.That(sent, Does.Contain("c1-s01-sh01 (2.75–4 s, scene 1)").And.Contain("waves crash on the rocks"));
            Assert.That(sent, Does.Contain("Frame 1 at 0.5 s (shot c1-s00-sh00: shot c1-s00-sh00)"));
        });
    }

    [Test]
    public async Task Should_carry_the_consistency_section_computed_here_while_the_scores_stay_geminis()
    {
        await using var kit = await GeminiKit.StartAsync();
        var report = await kit.SemanticQa.EvaluateAsync(_video, VideoFixture.Command(_video), CancellationToken.None);
        var scorer = kit.Services.GetRequiredService<ConsistencyScorer>();
        var local = await scorer.ScoreAsync(_video, VideoFixture.Command(_video), CancellationToken.None);
        var consistency = report.Consistency;
        Assert.That(consistency, Is.Not.Null, "Gemini's report carries the consistency section");
        var measures = new[] { consistency!.VisualConsistency, consistency.TemporalCoherence, consistency.StyleUniformity, consistency.NarrativeFlow };
        Assert.Multiple(() =>
        {
            Assert.That(report.Evaluator, Is.EqualTo("gemini"));
            Assert.That(measures.Select(m => m.Score), Has.All.InRange(0.0, 1.0));
            Assert.That(measures.Select(m => m.Basis), Has.All.Not.Empty);
            Assert.That(consistency.NarrativeFlow.Basis, Does.StartWith("sentence embeddings:"));
            Assert.That(consistency, Is.SameAs(local), "computed locally, once, and answered from the scorer's cache");
            Assert.That(GeminiKit.TextOf(kit.Stub.Calls.Single()), Does.Not.Contain("Bhattacharyya"), "the consistency section is not Gemini's to judge");
            Assert.That(report.VisualQuality.Basis, Does.Contain("gemini-2.5-flash"), "the content scores are still Gemini's");
        });
    }

    [Test]
    public async Task Should_score_what_the_frames_show()
    {
        await using var kit = await GeminiKit.StartAsync();
        var first = await kit.SemanticQa.EvaluateAsync(_video, VideoFixture.Command(_video), CancellationToken.None);
        var second = await kit.SemanticQa.EvaluateAsync(_other, VideoFixture.Command(_other), CancellationToken.None);

        Assert.That(
            (second.VisualQuality.Score, second.NarrativeCoherence.Score, second.TechnicalExcellence.Score),
            Is.Not.EqualTo((first.VisualQuality.Score, first.NarrativeCoherence.Score, first.TechnicalExcellence.Score)));
        Assert.That(kit.Stub.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task Should_fail_below_the_threshold_and_its_feedback_should_shape_the_next_direction()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.ScoreCeiling = 5.0;
        var report = await kit.SemanticQa.EvaluateAsync(_video, VideoFixture.Command(_video), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.False);
            Assert.That(report.Overall.Score, Is.LessThanOrEqualTo(5.0));
            Assert.That(report.Feedback, Has.Some.StartWith("more-motion:"));
        });

        var first = await kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None);
        var next = await kit.Director.DirectAsync(GeminiKit.Command(attempt: 2, previousQa: report, previousDirection: first), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(GeminiKit.TextOf(kit.Stub.Calls[^1]), Does.Contain(report.VisualQuality.Basis));
            Assert.That(next.Scenes.Select(s => s.Camera), Has.All.Contain(DirectionCues.Dynamic));
        });
    }

    [Test]
    public async Task Should_fail_the_semantic_stage_when_gemini_refuses_to_judge()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.Finish("IMAGE_SAFETY"));

        var failure = Assert.ThrowsAsync<StepException>(() => kit.SemanticQa.EvaluateAsync(_video, VideoFixture.Command(_video), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Stage, Is.EqualTo("QaSemantic"));
            Assert.That(failure.Code, Is.EqualTo("content_refused"));
            Assert.That(kit.Stub.Requests, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_reject_scores_out_of_range()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.Answer(
            """{"visualQuality":{"score":11,"reason":"r"},"narrativeCoherence":{"score":7,"reason":"r"},"technicalExcellence":{"score":7,"reason":"r"},"overall":{"score":8,"reason":"r"},"feedback":[]}"""));

        var failure = Assert.ThrowsAsync<StepException>(() => kit.SemanticQa.EvaluateAsync(_video, VideoFixture.Command(_video), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo("malformed_response"));
            Assert.That(failure.Message, Does.Contain("$.visualQuality.score: 11 is outside 0–10"));
        });
    }

    [TestCase(3, 4, new[] { 0.5, 1.5, 2.5, 3.5 })]
    [TestCase(8, 4, new[] { 0.25, 1.25, 2.75, 3.75 })]
    public void Should_take_keyframes_at_shot_midpoints_or_evenly(int shots, int count, double[] expected)
    {
        var timeline = Enumerable.Range(0, shots).Select(i => new AiProd.Contracts.ShotTiming($"s{i}", i * 4.0 / shots, 4.0 / shots)).ToList();
        var plan = KeyframeExtractor.Plan(timeline, 4.0, count);
        Assert.That(plan.Select(p => p.At), Is.EqualTo(expected).Within(0.001));
        Assert.That(plan.Select(p => p.ShotId), Has.None.Null);
    }
}
