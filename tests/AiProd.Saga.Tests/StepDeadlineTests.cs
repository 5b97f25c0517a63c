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
        await Settle();
        var (token, due, deadlines) = (Current()!.StepDeadlineToken, Current()!.StepDeadlineDueUnixMs, All<StepDeadlinePassed>().Count);
        Clock.Advance(TimeSpan.FromMinutes(1));

        await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(plan[0], 1)));
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(Current()!.StageResends, Is.Zero, "progress: the stage is not stalled");
            Assert.That(Current()!.StepDeadlineDueUnixMs, Is.EqualTo(due + 60_000), "the deadline was pushed back");
            Assert.That(Current()!.StepDeadlineToken, Is.EqualTo(token), "by moving the one on its way");
            Assert.That(All<StepDeadlinePassed>(), Has.Count.EqualTo(deadlines), "no other deadline sent");
        });
    }
}

/// <summary>
/// One deadline on its way per video: a transition moves its due time instead of sending another, and the one on its
/// way, arriving before the due time it was moved to, sends itself again for the rest (the transport played by hand).
/// </summary>
public class When_the_step_deadline_moves_with_the_video : PipelineDriver
{
    [Test]
    public async Task Should_send_one_deadline_for_a_video_that_goes_from_start_to_Complete()
    {
        await ToQaSemantic(shots: 3);
        await AnswerSemanticQa(8.2);
        var finalize = await Published<FinalizeVideo>();
        await Publish(new VideoFinalized(VideoId, finalize.Attempt, "file:///assets/video.mp4", "file:///assets/manifest.json"));
        var video = await InState(m => m.Complete);

        Assert.Multiple(() =>
        {
            Assert.That(All<StepDeadlinePassed>(), Has.Count.EqualTo(1), "armed once on entering InputSanitizer, then moved by every transition and shot");
            Assert.That(video.StepDeadlineToken, Is.Null);
            Assert.That(video.StepDeadlineArmedUnixMs, Is.Null);
        });
    }

    [Test]
    public async Task Should_send_an_early_deadline_again_for_the_time_left_and_act_only_when_that_one_comes_due()
    {
        await Start();
        var first = await Published<StepDeadlinePassed>();
        Clock.Advance(TimeSpan.FromMinutes(3));
        var sanitize = await Published<SanitizeInput>();
        await Publish(new InputSanitized(VideoId, sanitize.Attempt, Samples.Sanitized(Request)));
        await Published<AnalyzeRequest>();
        await Settle();
        Assert.That(Current()!.StepDeadlineDueUnixMs, Is.EqualTo(Current()!.StepDeadlineArmedUnixMs + 180_000), "moved three minutes later");

        await Publish(first);
        var again = await Published<StepDeadlinePassed>(d => d.Token != first.Token);
        var scheduled = Harness.Sent.Select<StepDeadlinePassed>(CancellationToken.None).Single(s => s.Context.Message.Token == again.Token).Context;
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(scheduled.Delay, Is.EqualTo(TimeSpan.FromMinutes(3)), "only what is left");
            Assert.That(again.Stage, Is.EqualTo(VideoStages.Analysis));
            Assert.That(Current()!.StepDeadlineToken, Is.EqualTo(again.Token));
            Assert.That(All<AnalyzeRequest>(), Has.Count.EqualTo(1), "an early deadline sends no command again");
            Assert.That(Current()!.StageResends, Is.Zero);
        });

        await Publish(first);
        await Settle();
        Assert.That(Harness.Sent.Select<StepDeadlinePassed>(CancellationToken.None).Count(), Is.EqualTo(2), "a second copy of the early one is stale: it re-arms nothing");

        await Publish(again);
        await AtLeast<AnalyzeRequest>(2);
        Assert.That(Current()!.StageResends, Is.EqualTo(1), "the one that came due resends the stage it arrived in");
    }

    [Test]
    public async Task Should_fail_the_stage_the_video_is_in_when_a_deadline_armed_in_another_stage_comes_due()
    {
        await ToCreative();
        for (var i = 0; i < 3; i++)
        {
            var resends = Current()!.StageResends;
            await DeliverDeadline();
            if (i < 2)
                await AtLeast<DirectCreative>(resends + 2);
        }

        var failed = await Published<VideoFailed>(f => f.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(All<StepDeadlinePassed>()[0].Stage, Is.EqualTo(VideoStages.InputSanitizer), "the first was armed on entering InputSanitizer");
            Assert.That(failed.Error.Stage, Is.EqualTo(VideoStages.Creative));
            Assert.That(failed.Error.Message, Does.StartWith("The Creative step made no progress"));
            Assert.That(All<DirectCreative>(), Has.Count.EqualTo(3));
        });
    }
}
