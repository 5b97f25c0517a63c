using AiProd.Contracts;
using AiProd.Saga.Approvals;
using AiProd.Saga.Decisions;
using AiProd.Saga.Outbox;
using MassTransit;

namespace AiProd.Saga;

/// <summary>
/// AwaitingApproval: the optional wait for the request's approvers at <c>storyboard</c> (after Financial, before any paid
/// render) and <c>final</c> (after semantic QA). Every required role approves → Render or Finalize; one rejection →
/// Creative with its comment as direction, as a new version; the deadline (when the request set one) fails the video or
/// approves for the roles that did not answer, as the request's policy says.
/// </summary>
public sealed partial class VideoStateMachine
{
    private void DuringApproval()
    {
        Event(() => ApproveVideo, e =>
        {
            e.CorrelateById(c => c.Message.VideoId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => RejectVideo, e =>
        {
            e.CorrelateById(c => c.Message.VideoId);
            e.OnMissingInstance(m => m.Discard());
        });

        During(AwaitingApproval,
            When(ApproveVideo, c => ApprovalRules.Accepts(c.Saga, c.Message.Role, c.Message.Point, c.Message.Version))
                .Then(c => Record(c, new ApprovalDecision(c.Saga.PendingApproval!.Point, c.Saga.PendingApproval.Version,
                    c.Message.Role, c.Message.By, Approved: true, c.Message.Comment, c.Message.At ?? Time.GetUtcNow())))
                .If(c => ApprovalRules.Remaining(c.Saga).Count == 0,
                    done => Proceed(done, c => $"approved by {string.Join(", ", ApprovalRules.Answers(c.Saga).Select(a => a.Role))}")),
            When(RejectVideo, c => ApprovalRules.Accepts(c.Saga, c.Message.Role, c.Message.Point, c.Message.Version))
                .Then(c => Record(c, new ApprovalDecision(c.Saga.PendingApproval!.Point, c.Saga.PendingApproval.Version,
                    c.Message.Role, c.Message.By, Approved: false, c.Message.Comment, c.Message.At ?? Time.GetUtcNow())))
                .Then(c => Revise(c.Saga, c.Message))
                .EnterStage(Creative, c => $"rejected at {c.Saga.Approvals[^1].Point} by {c.Message.Role}: {c.Message.Comment}"),
            When(StepDeadline, IsCurrentDeadline)
                .Then(Arrived)
                .IfElse(c => ApprovalRules.ApprovesOnDeadline(c.Saga),
                    approve => Proceed(approve.Then(ApproveForLateRoles), c => "deadline passed: approved by policy"),
                    fail => fail.FailWith(Failed, c => new VideoError(
                        VideoStages.AwaitingApproval,
                        "approval_timed_out",
                        $"Not every approver answered at {c.Saga.PendingApproval?.Point} within the request's deadline; still waiting for {string.Join(", ", ApprovalRules.Remaining(c.Saga))}.",
                        Retryable: false))),
            // After a restart, or a lost deadline: arm what is left of the round's deadline again (none: nothing to do).
            When(VideoResumeRequested, IsCurrentStage)
                .Then(c => c.Saga.UpdatedAt = Time.GetUtcNow())
                .ScheduleStepDeadline());
    }

    /// <summary>Waits for the approvers at <paramref name="point"/>, and tells them (<see cref="ApprovalRequested"/>).</summary>
    private EventActivityBinder<VideoState, T> AwaitApproval<T>(EventActivityBinder<VideoState, T> binder, string point, Func<BehaviorContext<VideoState, T>, string> outcome)
        where T : class =>
        binder
            .Then(c => c.Saga.PendingApproval = ApprovalRules.Open(c.Saga, point, Time.GetUtcNow()))
            .EnterStage(AwaitingApproval, c => outcome(c))
            .Then(c =>
            {
                var round = c.Saga.PendingApproval!;
                var policy = ApprovalRules.Policy(c.Saga)!;
                SagaOutbox.Publish(c, Time.GetUtcNow(), new ApprovalRequested(
                    c.Saga.CorrelationId, round.Point, round.Version, policy.Roles,
                    round.DueUnixMs is { } due ? DateTimeOffset.FromUnixTimeMilliseconds(due) : null, policy.OnDeadline, Time.GetUtcNow())
                {
                    EstimatedUsd = round.Point == ApprovalPoints.Storyboard ? c.Saga.Estimate?.EstimatedUsd : null,
                    AssetUri = round.Point == ApprovalPoints.Final ? c.Saga.ComposedAssetUri : null,
                });
                // The approvers' cheap local preview of the plan; the wait does not depend on it and nothing is billed.
                if (round.Point == ApprovalPoints.Storyboard)
                    SagaOutbox.Send(c, Time.GetUtcNow(), RoleEndpoints.AddressFor(typeof(RenderAnimatic)),
                        new RenderAnimatic(c.Saga.CorrelationId, c.Saga.StageAttempt, round.Version, [.. c.Saga.Shots.OrderBy(s => s.Order)]));
            });

    /// <summary>The round is settled: storyboard → Render, final → Finalize.</summary>
    private EventActivityBinder<VideoState, T> Proceed<T>(EventActivityBinder<VideoState, T> binder, Func<BehaviorContext<VideoState, T>, string> outcome)
        where T : class =>
        binder.IfElse(c => c.Saga.PendingApproval?.Point == ApprovalPoints.Final,
            final => final.EnterStage(Finalize, c => outcome(c)).Then(c => c.Saga.PendingApproval = null),
            storyboard => storyboard.EnterStage(Render, c => outcome(c)).Then(c => c.Saga.PendingApproval = null));

    private void Record(BehaviorContext<VideoState> c, ApprovalDecision decision)
    {
        c.Saga.Approvals.Add(decision);
        c.Saga.UpdatedAt = Time.GetUtcNow();
        if (decision.Approved)
            SagaOutbox.Publish(c, Time.GetUtcNow(), new VideoApproved(c.Saga.CorrelationId, decision, ApprovalRules.Remaining(c.Saga)));
        else
            SagaOutbox.Publish(c, Time.GetUtcNow(), new VideoRejected(c.Saga.CorrelationId, decision, ApprovalRules.CurrentVersion(c.Saga) + 1));
    }

    private void ApproveForLateRoles(BehaviorContext<VideoState, StepDeadlinePassed> c)
    {
        var round = c.Saga.PendingApproval!;
        foreach (var role in ApprovalRules.Remaining(c.Saga))
            Record(c, new ApprovalDecision(round.Point, round.Version, role, "deadline", Approved: true, "No answer by the deadline; approved by the request's policy.", Time.GetUtcNow()));
    }

    /// <summary>A rejection: the version is kept as it was, and the next one starts from Creative with the comment as direction.</summary>
    private void Revise(VideoState video, RejectVideo rejection)
    {
        Archive(video, $"rejected at {video.PendingApproval!.Point} by {rejection.Role}");
        video.PendingApproval = null;
        video.ReviewerNotes = [$"{rejection.Role}: {rejection.Comment}"];
        video.ReRenders = 0;
        video.Shots = [];
        video.RenderedShots = [];
        video.Timeline = [];
        video.ComposedAssetUri = null;
        video.ComposedDurationSeconds = 0;
        video.TechnicalQa = null;
        video.SemanticQa = null;
    }

    /// <summary>Keeps the current version as it is now and moves the video on to the next one.</summary>
    private void Archive(VideoState video, string outcome)
    {
        var number = ApprovalRules.CurrentVersion(video);
        var shotIds = video.Shots.Select(s => s.ShotId).ToHashSet(StringComparer.Ordinal);
        var started = video.History.LastOrDefault(h => h.Stage == VideoStages.Creative)?.EnteredAt ?? video.CreatedAt;
        video.Versions.Add(new VideoVersion(number, video.Direction, [.. video.Shots], video.Estimate, video.ComposedAssetUri,
            video.ComposedDurationSeconds, video.TechnicalQa, video.SemanticQa, [.. video.RenderLedger.Where(r => shotIds.Contains(r.ShotId))],
            started, Time.GetUtcNow(), outcome));
        video.Revision = number + 1;
    }
}
