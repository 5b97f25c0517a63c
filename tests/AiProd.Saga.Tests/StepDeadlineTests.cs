using AiProd.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Saga.Tests;

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
        Assert.That(All<AnalyzeRequest>(), Has.Count.EqualTo(1));
    }
}

public class When_the_sweeper_finds_a_stalled_video : PipelineDriver
{
    [Test]
    public async Task Should_nudge_it_and_leave_fresh_and_finished_videos_alone()
    {
        await Start();
        var sweeper = new StalledVideoSweeper(
            Provider.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new PipelineOptions { StepDeadline = TimeSpan.FromMilliseconds(300) }),
            TimeProvider.System,
            NullLogger<StalledVideoSweeper>.Instance);

        Assert.That(await sweeper.SweepAsync(CancellationToken.None), Is.Zero, "the video is fresh");
        await Task.Delay(400);
        Assert.That(await sweeper.SweepAsync(CancellationToken.None), Is.EqualTo(1));

        await AtLeast<SanitizeInput>(2);
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(All<SanitizeInput>(), Has.Count.EqualTo(2));
            Assert.That(Current()!.StageResends, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_resume_even_a_fresh_video_on_the_first_sweep_after_a_restart()
    {
        await Start();
        var sweeper = new StalledVideoSweeper(
            Provider.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new PipelineOptions()),
            TimeProvider.System,
            NullLogger<StalledVideoSweeper>.Instance);

        Assert.That(await sweeper.SweepAsync(CancellationToken.None, resumeAll: true), Is.EqualTo(1));
        await AtLeast<SanitizeInput>(2);
        await Settle();
        Assert.That(All<SanitizeInput>(), Has.Count.EqualTo(2));
    }
}
