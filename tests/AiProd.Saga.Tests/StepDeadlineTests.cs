using AiProd.Contracts;

namespace AiProd.Saga.Tests;

/// <summary>Deadlines delivered by hand (no scheduling token), so each step of the rule is seen on its own.</summary>
public class When_a_stage_misses_its_deadline : PipelineDriver
{
    [Test]
    public async Task Should_send_the_same_command_again_with_the_same_attempt()
    {
        await ToCreative();
        await Publish(new StepDeadlinePassed(VideoId, 1, VideoStages.Creative));

        await AtLeast<DirectCreative>(2);
        await Settle();
        var commands = All<DirectCreative>();
        Assert.Multiple(() =>
        {
            Assert.That(commands, Has.Count.EqualTo(2));
            Assert.That(commands.Select(c => c.Attempt), Is.All.EqualTo(1), "workers answer a resend from what they already did");
            Assert.That(Current()!.StageResends, Is.EqualTo(1));
            Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.Creative));
        });
    }

    [Test]
    public async Task Should_resend_only_the_shots_still_missing_in_Render()
    {
        var plan = await ToRender(shots: 3);
        await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(plan[0], 1)));
        await Publish(new StepDeadlinePassed(VideoId, 1, VideoStages.Render));

        await AtLeast<RenderShot>(5);
        await Settle();
        var renders = All<RenderShot>();
        Assert.That(renders.GroupBy(r => r.Shot.ShotId).ToDictionary(g => g.Key, g => g.Count()),
            Is.EqualTo(new Dictionary<string, int> { [plan[0].ShotId] = 1, [plan[1].ShotId] = 2, [plan[2].ShotId] = 2 }));
    }

    [Test]
    public async Task Should_fail_with_step_timed_out_once_the_resends_are_spent()
    {
        await ToCreative();
        for (var i = 0; i < 3; i++)
            await Publish(new StepDeadlinePassed(VideoId, 1, VideoStages.Creative));

        await InState(m => m.Failed);
        var failed = await Published<VideoFailed>(f => f.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(failed.Error.Stage, Is.EqualTo(VideoStages.Creative));
            Assert.That(failed.Error.Code, Is.EqualTo("step_timed_out"));
            Assert.That(failed.Error.Retryable, Is.True);
            Assert.That(All<DirectCreative>(), Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task Should_ignore_a_deadline_for_a_stage_the_video_has_left()
    {
        await ToCreative();
        await Publish(new StepDeadlinePassed(VideoId, 1, VideoStages.Analysis));
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(All<AnalyzeRequest>(), Has.Count.EqualTo(1));
            Assert.That(All<DirectCreative>(), Has.Count.EqualTo(1));
            Assert.That(Current()!.StageResends, Is.Zero);
        });
    }

    [Test]
    public async Task Should_ignore_a_deadline_for_an_earlier_attempt_of_the_same_stage()
    {
        await ToCreative();
        await Publish(new StepDeadlinePassed(VideoId, 7, VideoStages.Creative));
        await Publish(new StepDeadlinePassed(VideoId, 0, VideoStages.Creative));
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(All<DirectCreative>(), Has.Count.EqualTo(1));
            Assert.That(Current()!.StageResends, Is.Zero);
        });
    }

    [Test]
    public async Task Should_start_the_resends_over_when_a_shot_arrives()
    {
        var plan = await ToRender(shots: 2);
        await Publish(new StepDeadlinePassed(VideoId, 1, VideoStages.Render));
        await AtLeast<RenderShot>(4);
        var token = Current()!.StepDeadlineToken;

        await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(plan[0], 1)));
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(Current()!.StageResends, Is.Zero, "progress: the stage is not stalled");
            Assert.That(Current()!.StepDeadlineToken, Is.Not.Null.And.Not.EqualTo(token), "the deadline was pushed back");
        });
    }
}
