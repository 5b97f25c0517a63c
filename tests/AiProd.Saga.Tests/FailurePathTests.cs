using AiProd.Contracts;
using MassTransit;

namespace AiProd.Saga.Tests;

public class When_the_input_is_rejected : PipelineDriver
{
    [Test]
    public async Task Should_fail_in_InputSanitizer_naming_the_fields()
    {
        await Start();
        var sanitize = await Published<SanitizeInput>();
        await Publish(new InputRejected(VideoId, sanitize.Attempt,
        [
            new InputViolation("durationSeconds", "duration_out_of_range", "must be 2–60 s, was 600"),
            new InputViolation("prompt", "injection_detected", "contains 'ignore previous instructions'"),
        ]));

        await InState(m => m.Failed);
        var failed = await Published<VideoFailed>(f => f.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(failed.Error.Stage, Is.EqualTo(VideoStages.InputSanitizer));
            Assert.That(failed.Error.Code, Is.EqualTo("duration_out_of_range"));
            Assert.That(failed.Error.Message, Does.Contain("durationSeconds").And.Contain("prompt"));
            Assert.That(failed.Error.Retryable, Is.False);
            Assert.That(All<AnalyzeRequest>(), Is.Empty);
        });
    }
}

public class When_the_budget_is_exceeded : PipelineDriver
{
    [Test]
    public async Task Should_fail_in_Financial_with_the_numbers()
    {
        await ToCreative();
        var direct = await Published<DirectCreative>();
        await Publish(new CreativeDirected(VideoId, direct.Attempt, Samples.Direction(1)));
        var translate = await Published<TranslateVisuals>();
        await Publish(new VisualsTranslated(VideoId, translate.Attempt, Samples.Shots(1, 2)));
        var estimate = await Published<EstimateCost>();
        await Publish(new BudgetExceeded(VideoId, estimate.Attempt, 0.10m, 4.00m, [], "The cheapest option, veo3 at $4.00, exceeds the remaining budget of $0.10."));

        await InState(m => m.Failed);
        var failed = await Published<VideoFailed>(f => f.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(estimate.BudgetRemainingUsd, Is.EqualTo(Request.BudgetUsd));
            Assert.That(failed.Error, Is.EqualTo(new VideoError(VideoStages.Financial, "budget_exceeded",
                "The cheapest option, veo3 at $4.00, exceeds the remaining budget of $0.10.", false)));
            Assert.That(All<RenderShot>(), Is.Empty);
        });
    }
}

public class When_a_worker_reports_a_step_failure : PipelineDriver
{
    [Test]
    public async Task Should_fail_with_the_workers_stage_code_and_retryability()
    {
        var plan = await ToRender(shots: 2);
        await Publish(new StepFailed(VideoId, 1, VideoStages.Render, "ffmpeg_not_found", "ffmpeg is not installed.", true));

        var video = await InState(m => m.Failed);
        var failed = await Published<VideoFailed>(f => f.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(failed.Error, Is.EqualTo(new VideoError(VideoStages.Render, "ffmpeg_not_found", "ffmpeg is not installed.", true)));
            Assert.That(video.Error, Is.EqualTo(failed.Error));
        });

        await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(plan[0], 1)));
        await Settle();
        Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.Failed), "a late result does not revive a failed video");
    }
}

public class When_a_worker_keeps_throwing : PipelineDriver
{
    private sealed class BrokenRenderer : IConsumer<RenderShot>
    {
        public Task Consume(ConsumeContext<RenderShot> context) => throw new InvalidOperationException("GPU fell off the bus");
    }

    /// <summary>On the render role's endpoint, where the saga sends RenderShot.</summary>
    protected override void Configure(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<BrokenRenderer>().Endpoint(e => e.Name = RoleEndpoints.Render);

    [Test]
    public async Task Should_fail_the_video_from_the_fault_with_a_retryable_error()
    {
        await ToRender(shots: 1);

        await InState(m => m.Failed);
        var failed = await Published<VideoFailed>(f => f.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(failed.Error.Stage, Is.EqualTo(VideoStages.Render));
            Assert.That(failed.Error.Code, Is.EqualTo("worker_fault"));
            Assert.That(failed.Error.Message, Does.Contain("GPU fell off the bus"));
            Assert.That(failed.Error.Retryable, Is.True);
        });
    }
}

public class When_a_shot_fails_on_every_backend : PipelineDriver
{
    [Test]
    public async Task Should_count_what_the_failed_attempts_were_billed_and_share_the_budget_among_the_shots()
    {
        var plan = await ToRender(shots: 2);
        var commands = All<RenderShot>();
        await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(plan[0], 1)));
        var attempts = new List<RenderAttempt>
        {
            new("replicate-wan25", RenderAttempt.Failed, "output_corrupt", "the output could not be decoded", 0.50m, 12.5),
            new("local", RenderAttempt.Skipped, "over_budget", "local would cost up to $0.01", 0m, 0),
        };
        await Publish(new StepFailed(VideoId, 1, VideoStages.Render, "budget_exceeded", "Shot could not be rendered within its budget.", false)
        {
            FailedRender = new FailedShotRender(plan[1].ShotId, 1, attempts),
        });

        var video = await InState(m => m.Failed);
        Assert.Multiple(() =>
        {
            Assert.That(commands.Sum(c => c.BudgetUsd), Is.LessThanOrEqualTo(Request.BudgetUsd));
            Assert.That(commands.Select(c => c.BudgetUsd), Has.All.GreaterThan(0m));
            Assert.That(video.Error!.Code, Is.EqualTo("budget_exceeded"));
            Assert.That(video.FailedRenders.Single().Attempts, Is.EqualTo(attempts));
            Assert.That(video.ActualCostUsd, Is.EqualTo(Samples.Rendered(plan[0], 1).CostUsd + 0.50m));
        });
    }
}
