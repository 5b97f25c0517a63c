using AiProd.Contracts;

namespace AiProd.Saga.Tests;

/// <summary>Brings a video with approvers to its approval points.</summary>
public abstract class ApprovalDriver : PipelineDriver
{
    protected static readonly string[] Roles = ["client", "legal"];

    protected void RequireApproval(string[] points, int? deadlineSeconds = null, string onDeadline = ApprovalPoints.FailOnDeadline) =>
        Request = Samples.Request() with { Approval = new ApprovalPolicy(Roles, points) { DeadlineSeconds = deadlineSeconds, OnDeadline = onDeadline } };

    protected async Task<VideoState> ToStoryboard(int shots = 2)
    {
        await ToCreative();
        await PlanAndEstimate(shots);
        return await InState(m => m.AwaitingApproval);
    }
}

public class When_the_storyboard_needs_approval : ApprovalDriver
{
    [Test]
    public async Task Should_send_the_render_worker_the_plan_for_an_animatic_and_bill_nothing()
    {
        RequireApproval([ApprovalPoints.Storyboard]);
        var video = await ToStoryboard(shots: 3);
        await AtLeast<RenderAnimatic>(1);
        var animatic = All<RenderAnimatic>().Single();
        var sent = Harness.Sent.Select<RenderAnimatic>(CancellationToken.None).First().Context.DestinationAddress!;
        Assert.Multiple(() =>
        {
            Assert.That(sent.AbsolutePath.TrimStart('/'), Is.EqualTo(RoleEndpoints.Render));
            Assert.That(animatic.Version, Is.EqualTo(1));
            Assert.That(animatic.Shots.Select(s => s.ShotId), Is.EqualTo(video.Shots.OrderBy(s => s.Order).Select(s => s.ShotId)), "the whole plan, in order");
            Assert.That(All<RenderShot>(), Is.Empty, "an animatic is no render");
            Assert.That(video.ActualCostUsd, Is.Zero);
        });
    }

    [Test]
    public async Task Should_render_nothing_until_every_required_role_has_approved()
    {
        RequireApproval([ApprovalPoints.Storyboard]);
        var video = await ToStoryboard();
        var requested = await Published<ApprovalRequested>(r => r.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(requested.Point, Is.EqualTo(ApprovalPoints.Storyboard));
            Assert.That(requested.Version, Is.EqualTo(1));
            Assert.That(requested.Roles, Is.EqualTo(Roles));
            Assert.That(requested.EstimatedUsd, Is.EqualTo(Samples.Estimate().EstimatedUsd), "approvers see the cost estimate");
            Assert.That(requested.DueAt, Is.Null);
            Assert.That(video.StepDeadlineDueUnixMs, Is.Null, "without a deadline nothing is armed: waiting for people is not a stalled step");
            Assert.That(All<StepDeadlinePassed>().Where(d => d.Stage == VideoStages.AwaitingApproval), Is.Empty);
        });

        await Publish(new ApproveVideo(VideoId, "client", "carol@client"));
        await Publish(new ApproveVideo(VideoId, "intern", "someone"));
        await Publish(new ApproveVideo(VideoId, "client", "carol@client"));
        var first = await Published<VideoApproved>(a => a.VideoId == VideoId);
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.AwaitingApproval), "legal has not approved yet");
            Assert.That(first.RemainingRoles, Is.EqualTo(new[] { "legal" }));
            Assert.That(All<RenderShot>(), Is.Empty, "no paid render before the approval");
            Assert.That(Current()!.Approvals, Has.Count.EqualTo(1), "an unknown role and a repeated approval change nothing");
        });

        await Publish(new ApproveVideo(VideoId, "legal", "lee@legal", "fine") { Point = ApprovalPoints.Storyboard, Version = 1 });
        video = await InState(m => m.Render);
        await AtLeast<RenderShot>(2);
        Assert.Multiple(() =>
        {
            Assert.That(video.PendingApproval, Is.Null);
            Assert.That(video.Approvals.Select(a => (a.Role, a.By, a.Approved, a.Version)),
                Is.EqualTo(new[] { ("client", "carol@client", true, 1), ("legal", "lee@legal", true, 1) }));
            Assert.That(video.History.Select(h => h.Stage), Is.EqualTo(new[]
            {
                VideoStages.Init, VideoStages.InputSanitizer, VideoStages.Analysis, VideoStages.Creative, VideoStages.Visual,
                VideoStages.Financial, VideoStages.AwaitingApproval, VideoStages.Render,
            }));
            Assert.That(video.History[^2].Outcome, Is.EqualTo("approved by client, legal"));
        });
    }

    [Test]
    public async Task Should_go_back_to_Creative_as_version_2_with_the_rejection_as_direction()
    {
        RequireApproval([ApprovalPoints.Storyboard]);
        await ToStoryboard(shots: 2);
        var firstDirection = Current()!.Direction;
        await Publish(new ApproveVideo(VideoId, "client", "carol@client"));
        await Publish(new RejectVideo(VideoId, "legal", "lee@legal", "No brand logos on the lighthouse."));

        var video = await InState(m => m.Creative);
        var direct = await Published<DirectCreative>(d => d.Attempt == 2);
        var rejected = await Published<VideoRejected>(r => r.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(direct.ReviewerNotes, Is.EqualTo(new[] { "legal: No brand logos on the lighthouse." }));
            Assert.That(System.Text.Json.JsonSerializer.Serialize(direct.PreviousDirection), Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(firstDirection)));
            Assert.That(direct.PreviousQa, Is.Null);
            Assert.That(rejected.NextVersion, Is.EqualTo(2));
            Assert.That(rejected.Decision.Comment, Is.EqualTo("No brand logos on the lighthouse."));
            Assert.That(video.Revision, Is.EqualTo(2));
            Assert.That(video.CreativeAttempts, Is.EqualTo(1), "a rejection does not use up semantic QA's refinements");
            Assert.That(video.Versions, Has.Count.EqualTo(1));
            Assert.That(video.Versions[0].Number, Is.EqualTo(1));
            Assert.That(video.Versions[0].Shots, Has.Count.EqualTo(2), "version 1 keeps its plan");
            Assert.That(video.Versions[0].Outcome, Is.EqualTo("rejected at storyboard by legal"));
            Assert.That(video.Shots, Is.Empty);
        });

        await PlanAndEstimate(shots: 3);
        await InState(m => m.AwaitingApproval);
        var second = await Published<ApprovalRequested>(r => r.Version == 2);
        await Publish(new ApproveVideo(VideoId, "client", "carol@client") { Version = 1 });
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(second.Point, Is.EqualTo(ApprovalPoints.Storyboard));
            Assert.That(Current()!.Approvals.Count(a => a.Version == 2), Is.Zero, "an approval of version 1 does not count for version 2");
        });

        await Publish(new ApproveVideo(VideoId, "client", "carol@client"));
        await Publish(new ApproveVideo(VideoId, "legal", "lee@legal"));
        await InState(m => m.Render);
    }
}

public class When_the_final_cut_needs_approval : ApprovalDriver
{
    [Test]
    public async Task Should_wait_after_semantic_QA_and_deliver_once_approved()
    {
        RequireApproval([ApprovalPoints.Final]);
        await ToQaSemantic(shots: 2);
        await AnswerSemanticQa(8.0);
        var video = await InState(m => m.AwaitingApproval);
        var requested = await Published<ApprovalRequested>(r => r.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(requested.Point, Is.EqualTo(ApprovalPoints.Final));
            Assert.That(requested.AssetUri, Is.EqualTo(video.ComposedAssetUri));
            Assert.That(Decisions.Progress.Percent(video), Is.EqualTo(93));
            Assert.That(All<FinalizeVideo>(), Is.Empty);
        });

        await Publish(new ApproveVideo(VideoId, "legal", "lee@legal"));
        await Publish(new ApproveVideo(VideoId, "client", "carol@client"));
        await InState(m => m.Finalize);
        await Published<FinalizeVideo>();
    }

    [Test]
    public async Task Should_keep_the_rendered_version_and_make_a_new_plan_on_a_rejection()
    {
        RequireApproval([ApprovalPoints.Final]);
        await ToQaSemantic(shots: 2);
        await AnswerSemanticQa(8.0);
        await InState(m => m.AwaitingApproval);
        await Publish(new RejectVideo(VideoId, "client", "carol@client", "Warmer light, slower waves."));

        var video = await InState(m => m.Creative);
        Assert.Multiple(() =>
        {
            Assert.That(video.Versions[0].ComposedAssetUri, Is.Not.Null, "version 1 keeps its video");
            Assert.That(video.Versions[0].SemanticQa!.Overall.Score, Is.EqualTo(8.0));
            Assert.That(video.Versions[0].CostUsd, Is.EqualTo(0.02m), "and what its renders cost");
            Assert.That(video.ComposedAssetUri, Is.Null);
            Assert.That(video.RenderedShots, Is.Empty, "version 2 renders its own shots");
        });
    }
}

public class When_an_approval_deadline_passes : ApprovalDriver
{
    [Test]
    public async Task Should_fail_the_video_with_approval_timed_out_when_the_policy_says_fail()
    {
        RequireApproval([ApprovalPoints.Storyboard], deadlineSeconds: 3600);
        var video = await ToStoryboard();
        Assert.That(video.StepDeadlineDueUnixMs, Is.EqualTo(Clock.GetUtcNow().ToUnixTimeMilliseconds() + 3_600_000), "the request's deadline, not the step deadline");
        await Publish(new ApproveVideo(VideoId, "client", "carol@client"));

        await DeliverDeadline();
        video = await InState(m => m.Failed);
        var failed = await Published<VideoFailed>(f => f.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(failed.Error.Stage, Is.EqualTo(VideoStages.AwaitingApproval));
            Assert.That(failed.Error.Code, Is.EqualTo("approval_timed_out"));
            Assert.That(failed.Error.Message, Does.Contain("legal"));
            Assert.That(failed.Error.Retryable, Is.False);
            Assert.That(All<RenderShot>(), Is.Empty);
        });
    }

    [Test]
    public async Task Should_approve_for_the_roles_that_did_not_answer_when_the_policy_says_approve()
    {
        RequireApproval([ApprovalPoints.Storyboard], deadlineSeconds: 3600, onDeadline: ApprovalPoints.ApproveOnDeadline);
        await ToStoryboard();
        await Publish(new ApproveVideo(VideoId, "client", "carol@client"));
        await Published<VideoApproved>(a => a.VideoId == VideoId);

        await DeliverDeadline();
        var video = await InState(m => m.Render);
        Assert.Multiple(() =>
        {
            Assert.That(video.Approvals.Select(a => (a.Role, a.By)), Is.EqualTo(new[] { ("client", "carol@client"), ("legal", "deadline") }));
            Assert.That(video.History[^2].Outcome, Is.EqualTo("deadline passed: approved by policy"));
        });
    }

    [Test]
    public async Task Should_arm_what_is_left_of_it_again_on_a_resume()
    {
        RequireApproval([ApprovalPoints.Storyboard], deadlineSeconds: 3600);
        var video = await ToStoryboard();
        var due = video.StepDeadlineDueUnixMs;
        var token = video.StepDeadlineToken;
        Clock.Advance(TimeSpan.FromMinutes(20));

        await Publish(new VideoResumeRequested(VideoId, video.StageAttempt, VideoStages.AwaitingApproval));
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(Current()!.StepDeadlineToken, Is.Not.EqualTo(token), "a fresh deadline");
            Assert.That(Current()!.StepDeadlineDueUnixMs, Is.EqualTo(due), "due when it was, not an hour from the resume");
            Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.AwaitingApproval));
        });
    }
}

public class When_an_approval_deadline_is_sooner_than_the_step_deadline_on_its_way : ApprovalDriver
{
    [Test]
    public async Task Should_arm_a_deadline_of_its_own_for_the_requests_due_time()
    {
        RequireApproval([ApprovalPoints.Storyboard], deadlineSeconds: 60);
        var video = await ToStoryboard();

        var deadline = await Published<StepDeadlinePassed>(d => d.Stage == VideoStages.AwaitingApproval);
        var scheduled = Harness.Sent.Select<StepDeadlinePassed>(CancellationToken.None).Single(s => s.Context.Message.Token == deadline.Token).Context;
        Assert.Multiple(() =>
        {
            Assert.That(video.StepDeadlineToken, Is.EqualTo(deadline.Token), "the step deadline on its way would come too late");
            Assert.That(scheduled.Delay, Is.EqualTo(TimeSpan.FromSeconds(60)));
        });
    }
}
