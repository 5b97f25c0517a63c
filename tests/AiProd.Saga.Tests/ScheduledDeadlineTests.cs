using AiProd.Contracts;
using MassTransit;

namespace AiProd.Saga.Tests;

/// <summary>The saga's own scheduled deadlines, delivered by the bus's delayed message scheduler after a short delay.</summary>
public class When_no_worker_answers_before_the_scheduled_deadline : PipelineDriver
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(500);

    protected override void ConfigurePipeline(PipelineOptions options)
    {
        options.StepDeadline = Deadline;
        options.MaxStepResends = 2;
    }

    [Test]
    public async Task Should_send_the_commands_again_at_each_deadline_and_then_fail_with_step_timed_out()
    {
        await ToCreative();

        var video = await InState(m => m.Failed);
        var failed = await Published<VideoFailed>(f => f.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(All<DirectCreative>().Select(c => c.Attempt), Is.EqualTo(new[] { 1, 1, 1 }), "sent on entry, then twice again");
            Assert.That(failed.Error, Has.Property(nameof(VideoError.Stage)).EqualTo(VideoStages.Creative)
                .And.Property(nameof(VideoError.Code)).EqualTo("step_timed_out")
                .And.Property(nameof(VideoError.Retryable)).True);
            Assert.That(video.StepDeadlineToken, Is.Null, "a failed video has no deadline");
        });
    }

    [Test]
    public async Task Should_ignore_the_deadlines_of_the_stages_it_has_left()
    {
        await ToCreative();
        var (sanitize, analyze) = (All<SanitizeInput>().Count, All<AnalyzeRequest>().Count);
        await AtLeast<DirectCreative>(2);
        await Settle();

        // On a slow machine the first deadline can come due before the video reached Creative: that stage's command is then
        // sent again, with a deadline of its own, which is right; one more deadline for each such resend, none otherwise.
        var resent = sanitize - 1 + (analyze - 1);
        Assert.Multiple(() =>
        {
            Assert.That(All<StepDeadlinePassed>().Count(d => d.Stage != VideoStages.Creative), Is.EqualTo(1 + resent),
                "one deadline on its way across InputSanitizer, Analysis and Creative, moved at each stage, not one sent a stage");
            Assert.That(All<SanitizeInput>(), Has.Count.EqualTo(sanitize), "nothing sent again for a stage the video has left");
            Assert.That(All<AnalyzeRequest>(), Has.Count.EqualTo(analyze));
        });
    }

    [Test]
    public async Task Should_still_resend_at_its_own_deadline_after_a_stale_one_arrived_by_hand()
    {
        await ToCreative();
        var analyze = All<AnalyzeRequest>().Count;
        await Publish(new StepDeadlinePassed(VideoId, 1, VideoStages.Analysis));

        await AtLeast<DirectCreative>(2);
        Assert.That(All<AnalyzeRequest>(), Has.Count.EqualTo(analyze));
    }

    [Test]
    public async Task Should_schedule_the_deadline_on_the_sagas_endpoint_with_a_delay()
    {
        await Start();

        var scheduled = Harness.Sent.Select<StepDeadlinePassed>(CancellationToken.None).First().Context;
        Assert.Multiple(() =>
        {
            Assert.That(scheduled.Message, Is.EqualTo(new StepDeadlinePassed(VideoId, 1, VideoStages.InputSanitizer) { Token = Current()!.StepDeadlineToken }));
            Assert.That(scheduled.DestinationAddress!.AbsolutePath, Is.EqualTo("/" + RoleEndpoints.Saga));
            Assert.That(scheduled.Delay, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(Deadline));
            Assert.That(Current()!.StepDeadlineToken, Is.Not.Null);
        });
    }
}

public class When_a_render_progresses_slowly : PipelineDriver
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(800);

    protected override void ConfigurePipeline(PipelineOptions options) => options.StepDeadline = Deadline;

    [Test]
    public async Task Should_push_the_deadline_back_with_every_shot_and_never_resend()
    {
        // The bus delivers the deadline after a real delay, so the saga's clock, which moves it, follows real time.
        Clock.FollowRealTime();
        var plan = await ToRender(shots: 6);
        foreach (var shot in plan)
        {
            await Task.Delay(Deadline / 3);
            await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(shot, 1)));
        }

        await Published<ComposeVideo>();
        Assert.Multiple(() =>
        {
            Assert.That(All<RenderShot>(), Has.Count.EqualTo(plan.Count), $"six shots over {2 * Deadline.TotalSeconds:0.0} s, none sent again");
            Assert.That(Current()!.StageResends, Is.Zero);
            Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.Render));
        });
    }
}

public class When_a_video_finishes_with_a_deadline_pending : PipelineDriver
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(500);

    protected override void ConfigurePipeline(PipelineOptions options) => options.StepDeadline = Deadline;

    [Test]
    public async Task Should_leave_a_failed_video_alone_when_that_deadline_comes_due()
    {
        await ToCreative();
        await Publish(new StepFailed(VideoId, 1, VideoStages.Creative, "llm_refused", "The model refused the prompt.", false));
        var video = await InState(m => m.Failed);
        var direct = All<DirectCreative>().Count;
        Assert.That(video.StepDeadlineToken, Is.Null);

        await Task.Delay(Deadline * 2);
        Assert.Multiple(() =>
        {
            Assert.That(All<DirectCreative>(), Has.Count.EqualTo(direct));
            Assert.That(AllEvents<VideoFailed>(f => f.VideoId), Has.Count.EqualTo(1));
            Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.Failed));
            Assert.That(Current()!.History[^1].Stage, Is.EqualTo(VideoStages.Failed));
        });
    }

    [Test]
    public async Task Should_leave_a_completed_video_alone_when_that_deadline_comes_due()
    {
        await ToQaSemantic(shots: 2);
        await AnswerSemanticQa(8.2);
        var finalize = await Published<FinalizeVideo>();
        await Publish(new VideoFinalized(VideoId, finalize.Attempt, "file:///assets/video.mp4", "file:///assets/manifest.json"));
        var video = await InState(m => m.Complete);
        await Published<VideoCompleted>(c => c.VideoId == VideoId);
        await Settle();
        var sent = Harness.Sent.Select(_ => true, CancellationToken.None).Count();
        Assert.That(video.StepDeadlineToken, Is.Null);

        await Task.Delay(Deadline * 2);
        Assert.Multiple(() =>
        {
            Assert.That(Harness.Sent.Select(_ => true, CancellationToken.None).Count(), Is.EqualTo(sent), "no command and no deadline went out after Complete");
            Assert.That(AllEvents<VideoCompleted>(c => c.VideoId), Has.Count.EqualTo(1));
            Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.Complete));
        });
    }
}

public class When_the_hosts_make_the_video_the_CorrelationId_of_every_contract : PipelineDriver
{
    protected override void ConfigureBus(IInMemoryBusFactoryConfigurator bus)
    {
        bus.SendTopology.UseCorrelationId<StepDeadlinePassed>(m => m.VideoId);
        bus.SendTopology.UseCorrelationId<SanitizeInput>(m => m.VideoId);
    }

    [Test]
    public async Task Should_schedule_the_deadline_without_one_so_it_holds_back_no_ordering_key()
    {
        await Start();
        await AtLeast<StepDeadlinePassed>(1);

        Assert.Multiple(() =>
        {
            Assert.That(Harness.Sent.Select<StepDeadlinePassed>(CancellationToken.None).Single().Context.CorrelationId, Is.Null);
            Assert.That(Harness.Sent.Select<SanitizeInput>(CancellationToken.None).Single().Context.CorrelationId, Is.EqualTo(VideoId),
                "commands keep theirs");
        });
    }
}
