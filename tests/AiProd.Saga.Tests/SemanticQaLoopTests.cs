using AiProd.Contracts;

namespace AiProd.Saga.Tests;

public class When_semantic_qa_fails : PipelineDriver
{
    [Test]
    public async Task Should_go_back_to_Creative_with_the_feedback()
    {
        await ToQaSemantic(shots: 2);
        var firstDirection = Current()!.Direction;
        await AnswerSemanticQa(5.5);

        var video = await InState(m => m.Creative);
        var direct = await Published<DirectCreative>(d => d.Attempt == 2);
        Assert.Multiple(() =>
        {
            Assert.That(direct.PreviousQa!.Overall.Score, Is.EqualTo(5.5));
            Assert.That(direct.PreviousQa.Feedback, Has.Some.StartsWith("more-motion"));
            Assert.That(System.Text.Json.JsonSerializer.Serialize(direct.PreviousDirection), Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(firstDirection)), "the same direction, field by field");
            Assert.That(video.CreativeAttempts, Is.EqualTo(2));
            Assert.That(video.Shots, Is.Empty, "the old plan is dropped");
        });
    }

    [Test]
    public async Task Should_render_the_new_plan_and_can_then_complete()
    {
        await ToQaSemantic(shots: 2);
        await AnswerSemanticQa(5.5);
        await InState(m => m.Creative);
        var plan = await DirectAndEstimate(shots: 3);
        await RenderAndCompose();
        await AnswerTechnicalQa(Samples.TechPass());
        await AnswerSemanticQa(7.5);
        await InState(m => m.Finalize);

        Assert.Multiple(() =>
        {
            Assert.That(All<RenderShot>().Where(r => r.Shot.ShotId.StartsWith("c2-")).Count(), Is.EqualTo(3));
            Assert.That(Current()!.ActualCostUsd, Is.EqualTo(0.05m), "both plans were paid for");
            Assert.That(plan[0].ShotId, Does.StartWith("c2-"));
        });
    }
}

public class When_semantic_qa_fails_on_every_creative_attempt : PipelineDriver
{
    [Test]
    public async Task Should_fail_the_video_with_stage_QaSemantic_after_three_attempts()
    {
        await ToQaSemantic(shots: 1);
        await AnswerSemanticQa(4.0);
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            await InState(m => m.Creative);
            await DirectAndEstimate(shots: 1);
            await RenderAndCompose();
            await AnswerTechnicalQa(Samples.TechPass());
            await AnswerSemanticQa(4.0);
        }

        var video = await InState(m => m.Failed);
        var failed = await Published<VideoFailed>(f => f.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(failed.Error.Stage, Is.EqualTo(VideoStages.QaSemantic));
            Assert.That(failed.Error.Code, Is.EqualTo("semantic_qa_failed"));
            Assert.That(failed.Error.Message, Does.Contain("3 creative attempt"));
            Assert.That(All<DirectCreative>(), Has.Count.EqualTo(3));
            Assert.That(video.History.Last().Stage, Is.EqualTo(VideoStages.Failed));
        });
    }
}
