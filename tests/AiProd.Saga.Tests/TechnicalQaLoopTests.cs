using AiProd.Contracts;

namespace AiProd.Saga.Tests;

public class When_technical_qa_fails : PipelineDriver
{
    [Test]
    public async Task Should_re_render_only_the_suspect_shots()
    {
        var plan = await ToRender(shots: 3);
        await RenderAndCompose();
        await AnswerTechnicalQa(Samples.TechFail(plan[1].ShotId));

        var video = await InState(m => m.Render);
        await Published<RenderShot>(r => r.Attempt == video.StageAttempt);
        await Settle();
        var secondRound = All<RenderShot>().Where(r => r.Attempt == video.StageAttempt).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(video.StageAttempt, Is.EqualTo(2));
            Assert.That(video.ReRenders, Is.EqualTo(1));
            Assert.That(secondRound.Select(r => r.Shot.ShotId), Is.EqualTo(new[] { plan[1].ShotId }));
        });

        await RenderAndCompose();
        var compose = All<ComposeVideo>().Last();
        Assert.That(compose.Clips.Single(c => c.ShotId == plan[1].ShotId).Attempt, Is.EqualTo(2));
        Assert.That(compose.Clips.Where(c => c.ShotId != plan[1].ShotId).Select(c => c.Attempt), Is.All.EqualTo(1), "good shots are never rendered again");
        Assert.That(Current()!.ActualCostUsd, Is.EqualTo(0.04m), "three shots plus one re-render");
    }

    [Test]
    public async Task Should_compose_again_without_rendering_when_no_shot_is_to_blame()
    {
        await ToRender(shots: 2);
        await RenderAndCompose();
        await AnswerTechnicalQa(Samples.TechFail());

        var compose = await Published<ComposeVideo>(c => c.Attempt == 2);
        Assert.Multiple(() =>
        {
            Assert.That(compose.Clips, Has.Count.EqualTo(2));
            Assert.That(All<RenderShot>().Where(r => r.Attempt == 2), Is.Empty);
        });
    }
}

public class When_technical_qa_fails_more_often_than_the_bound : PipelineDriver
{
    [Test]
    public async Task Should_fail_the_video_with_stage_QaTech()
    {
        var plan = await ToRender(shots: 2);
        for (var round = 1; round <= 3; round++)
        {
            await RenderAndCompose();
            await AnswerTechnicalQa(Samples.TechFail(plan[0].ShotId));
            if (round < 3)
                await InState(m => m.Render);
        }

        var video = await InState(m => m.Failed);
        var failed = await Published<VideoFailed>(f => f.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(failed.Error.Stage, Is.EqualTo(VideoStages.QaTech));
            Assert.That(failed.Error.Code, Is.EqualTo("technical_qa_failed"));
            Assert.That(failed.Error.Message, Does.Contain("2 re-render"));
            Assert.That(video.Error, Is.EqualTo(failed.Error));
            Assert.That(video.History.Count(h => h.Stage == VideoStages.Render), Is.EqualTo(3));
        });
    }
}
