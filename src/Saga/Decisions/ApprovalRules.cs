using AiProd.Contracts;
using AiProd.Saga.Approvals;

namespace AiProd.Saga.Decisions;

/// <summary>Who may still approve what, and when a point is settled: pure functions of the video's state.</summary>
public static class ApprovalRules
{
    /// <summary>Whether the request asks its approvers to look at the video at <paramref name="point"/>.</summary>
    public static bool Requires(VideoState video, string point) =>
        Policy(video) is { Roles.Count: > 0 } policy && policy.Points.Contains(point, StringComparer.Ordinal);

    /// <summary>The approval policy the video runs under; null: none.</summary>
    public static ApprovalPolicy? Policy(VideoState video) => ((VideoRequest?)video.Request)?.Approval ?? ((VideoRequest?)video.Submitted)?.Approval;

    /// <summary>The answers given at the round the video waits at.</summary>
    public static IReadOnlyList<ApprovalDecision> Answers(VideoState video) =>
        video.PendingApproval is { } round
            ? [.. video.Approvals.Where(a => a.Point == round.Point && a.Version == round.Version)]
            : [];

    /// <summary>Required roles that have not approved the round the video waits at, in the policy's order.</summary>
    public static IReadOnlyList<string> Remaining(VideoState video)
    {
        var answered = Answers(video).Where(a => a.Approved).Select(a => a.Role).ToHashSet(StringComparer.Ordinal);
        return [.. (Policy(video)?.Roles ?? []).Where(r => !answered.Contains(r))];
    }

    /// <summary>
    /// Whether an answer from <paramref name="role"/> counts: the video waits, the role is required and has not
    /// answered this round, and the point and version (when named) are the ones it waits at. Anything else is stale.
    /// </summary>
    public static bool Accepts(VideoState video, string? role, string? point, int? version) =>
        video.PendingApproval is { } round
        && role is not null
        && (Policy(video)?.Roles ?? []).Contains(role, StringComparer.Ordinal)
        && (point is null || point == round.Point)
        && (version is null || version == round.Version)
        && Answers(video).All(a => a.Role != role);

    /// <summary>How long the round has left before its deadline (at least zero); null: it has none.</summary>
    public static TimeSpan? TimeLeft(VideoState video, DateTimeOffset now) =>
        video.PendingApproval?.DueUnixMs is { } due
            ? TimeSpan.FromMilliseconds(Math.Max(0, due - now.ToUnixTimeMilliseconds()))
            : null;

    /// <summary>Whether the policy approves for the roles that did not answer by the deadline (else the video fails).</summary>
    public static bool ApprovesOnDeadline(VideoState video) => Policy(video)?.OnDeadline == ApprovalPoints.ApproveOnDeadline;

    /// <summary>The round a video starts waiting at <paramref name="point"/>, with its deadline from the policy.</summary>
    public static ApprovalRound Open(VideoState video, string point, DateTimeOffset now)
    {
        var seconds = Policy(video)?.DeadlineSeconds;
        return new ApprovalRound(point, CurrentVersion(video), now.ToUnixTimeMilliseconds(),
            seconds is { } s ? now.ToUnixTimeMilliseconds() + s * 1000L : null);
    }

    /// <summary>The version the video is on (1 for a video stored before versions were counted).</summary>
    public static int CurrentVersion(VideoState video) => Math.Max(1, video.Revision);
}
