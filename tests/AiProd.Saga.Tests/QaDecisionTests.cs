using AiProd.Contracts;
using AiProd.Saga.Decisions;

namespace AiProd.Saga.Tests;

public class When_deciding_after_technical_qa
{
    private static readonly PipelineOptions Bounds = new() { MaxReRenders = 2, MaxCreativeAttempts = 3 };

    [Test]
    public void Should_proceed_when_it_passed() =>
        Assert.That(QaDecisions.AfterTechnicalQa(Samples.TechPass(), 2, Bounds), Is.TypeOf<QaNextStep.Proceed>());

    [TestCase(0)]
    [TestCase(1)]
    public void Should_re_render_the_suspect_shots_while_re_renders_are_left(int done)
    {
        var step = QaDecisions.AfterTechnicalQa(Samples.TechFail("c1-s00-sh02"), done, Bounds);
        Assert.That(step, Is.EqualTo(new QaNextStep.ReRender(["c1-s00-sh02"])).Using<QaNextStep>((a, b) =>
            a is QaNextStep.ReRender x && b is QaNextStep.ReRender y && x.ShotIds.SequenceEqual(y.ShotIds)));
    }

    [Test]
    public void Should_fail_with_the_reasons_once_the_bound_is_spent()
    {
        var step = QaDecisions.AfterTechnicalQa(Samples.TechFail(), 2, Bounds);
        var error = ((QaNextStep.Fail)step).Error;
        Assert.Multiple(() =>
        {
            Assert.That(error.Stage, Is.EqualTo(VideoStages.QaTech));
            Assert.That(error.Code, Is.EqualTo("technical_qa_failed"));
            Assert.That(error.Message, Does.Contain("a black segment of 1.5 s"));
        });
    }

    [Test]
    public void Should_fail_at_once_when_no_re_render_is_allowed() =>
        Assert.That(QaDecisions.AfterTechnicalQa(Samples.TechFail(), 0, new PipelineOptions { MaxReRenders = 0 }), Is.TypeOf<QaNextStep.Fail>());
}

public class When_deciding_after_semantic_qa
{
    private static readonly PipelineOptions Bounds = new() { MaxReRenders = 2, MaxCreativeAttempts = 3 };

    [Test]
    public void Should_proceed_at_the_threshold() =>
        Assert.That(QaDecisions.AfterSemanticQa(Samples.Semantic(7.0), 1, Bounds), Is.TypeOf<QaNextStep.Proceed>());

    [TestCase(1)]
    [TestCase(2)]
    public void Should_refine_with_the_report_while_attempts_are_left(int attempts) =>
        Assert.That(((QaNextStep.Refine)QaDecisions.AfterSemanticQa(Samples.Semantic(6.9), attempts, Bounds)).Feedback.Overall.Score, Is.EqualTo(6.9));

    [Test]
    public void Should_fail_with_score_threshold_and_feedback_after_the_last_attempt()
    {
        var error = ((QaNextStep.Fail)QaDecisions.AfterSemanticQa(Samples.Semantic(5.0), 3, Bounds)).Error;
        Assert.Multiple(() =>
        {
            Assert.That(error.Stage, Is.EqualTo(VideoStages.QaSemantic));
            Assert.That(error.Message, Does.Contain("5.0").And.Contain("7.0").And.Contain("more-motion"));
            Assert.That(error.Retryable, Is.False);
        });
    }
}

public class When_computing_progress
{
    [Test]
    public void Should_grow_along_the_pipeline()
    {
        var percents = VideoStages.Ordered.Select(s => Progress.Percent(s, 0, 0)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(percents, Is.Ordered.Ascending);
            Assert.That(percents[0], Is.Zero);
            Assert.That(percents[^1], Is.EqualTo(100));
        });
    }

    [Test]
    public void Should_spread_rendering_over_the_shots_done() =>
        Assert.That(new[] { Progress.Percent(VideoStages.Render, 0, 4), Progress.Percent(VideoStages.Render, 2, 4), Progress.Percent(VideoStages.Render, 4, 4) },
            Is.EqualTo(new[] { 25, 48, 70 }));

    [Test]
    public void Should_keep_the_progress_of_the_stage_that_failed() =>
        Assert.That(Progress.Percent(VideoStages.Failed, 0, 0, VideoStages.QaTech), Is.EqualTo(75));
}
