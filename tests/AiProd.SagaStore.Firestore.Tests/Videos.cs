using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Tests;
using MassTransit;

namespace AiProd.SagaStore.Firestore.Tests;

/// <summary>Saga instances with every kind of data VideoState holds: lists, dictionaries, records, decimals, dates, nulls.</summary>
internal static class Videos
{
    /// <summary>Whole microseconds in UTC: what a Firestore timestamp keeps.</summary>
    public static DateTimeOffset At(int minute) => new DateTimeOffset(2026, 11, 25, 12, minute, 7, TimeSpan.Zero).AddTicks(1_234_560);

    public static VideoState Rich(string state = VideoStages.Render, DateTimeOffset? createdAt = null)
    {
        var created = createdAt ?? At(0);
        var video = new VideoState
        {
            CorrelationId = NewId.NextGuid(),
            CreatedAt = created,
            Submitted = Samples.Request(5.00m),
            Request = Samples.Request(123456789.123456789123m),
            Sanitized = Samples.Sanitized(Samples.Request(0.1m)),
            Analysis = Samples.Analysis(2),
            Direction = Samples.Direction(1),
            Shots = Samples.Shots(1, 3),
            Estimate = Samples.Estimate(0.02m),
            ComposedDurationSeconds = 10.5,
            CreativeAttempts = 1,
            AssetUri = null,
            Error = null,
        };
        StageLog.Enter(video, VideoStages.InputSanitizer, null, created.AddSeconds(1));
        StageLog.Enter(video, state, "ok", created.AddSeconds(2).AddTicks(30));
        video.CurrentState = state;
        video.UpdatedAt = created.AddSeconds(2);
        foreach (var shot in video.Shots.Take(2))
        {
            var rendered = Samples.Rendered(shot, 1, cost: 0.0125m);
            video.RenderedShots[shot.ShotId] = rendered;
            video.RenderLedger.Add(rendered);
        }

        return video;
    }

    /// <summary>A rich video on its second version, waiting for its approvers with a deadline, one answer in.</summary>
    public static VideoState AwaitingApproval()
    {
        var video = Rich(VideoStages.AwaitingApproval);
        video.Request = video.Request with { Approval = new ApprovalPolicy(["client", "legal"], [ApprovalPoints.Storyboard, ApprovalPoints.Final]) { DeadlineSeconds = 3600, OnDeadline = ApprovalPoints.ApproveOnDeadline } };
        video.Revision = 2;
        video.Versions.Add(new AiProd.Saga.Approvals.VideoVersion(1, Samples.Direction(1), Samples.Shots(1, 2), Samples.Estimate(0.02m), "local:v/composed.mp4", 10,
            Samples.TechPass(), Samples.Semantic(8.0), [Samples.Rendered(Samples.Shots(1, 2)[0], 1, 0.0125m)], At(1), At(2), "rejected at final by legal"));
        video.PendingApproval = new AiProd.Saga.Approvals.ApprovalRound(ApprovalPoints.Storyboard, 2, At(3).ToUnixTimeMilliseconds(), At(3).AddHours(1).ToUnixTimeMilliseconds());
        video.Approvals.Add(new ApprovalDecision(ApprovalPoints.Final, 1, "legal", "lee", false, "Remove the logo.", At(2)));
        video.Approvals.Add(new ApprovalDecision(ApprovalPoints.Storyboard, 2, "client", "carol", true, null, At(4)));
        video.ReviewerNotes = ["legal: Remove the logo."];
        return video;
    }
}
