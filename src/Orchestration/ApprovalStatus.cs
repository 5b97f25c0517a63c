using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Decisions;

namespace AiProd.Orchestration;

/// <summary>What a video in AwaitingApproval waits for, as the status API shows it.</summary>
/// <param name="Point"><c>storyboard</c> or <c>final</c>.</param>
/// <param name="Version">The version to approve.</param>
/// <param name="Roles">Every role that must approve.</param>
/// <param name="RemainingRoles">Those that have not approved yet.</param>
/// <param name="DueAt">When the deadline passes; null: none.</param>
/// <param name="OnDeadline"><c>fail</c> or <c>approve</c>.</param>
public sealed record ApprovalStatus(string Point, int Version, IReadOnlyList<string> Roles, IReadOnlyList<string> RemainingRoles, DateTimeOffset? DueAt, string OnDeadline)
{
    public static ApprovalStatus? From(VideoState video) =>
        video.PendingApproval is { } round && ApprovalRules.Policy(video) is { } policy
            ? new ApprovalStatus(round.Point, round.Version, policy.Roles, ApprovalRules.Remaining(video),
                round.DueUnixMs is { } due ? DateTimeOffset.FromUnixTimeMilliseconds(due) : null, policy.OnDeadline)
            : null;
}
