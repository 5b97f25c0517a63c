namespace AiProd.Contracts;

/// <summary>
/// Public command: one role approves a video waiting in AwaitingApproval. Sent by the gateway to the saga's endpoint,
/// published by any other system on its topic; consumed by the saga. Ignored unless the video waits for
/// <paramref name="Role"/> at the given point and version (when they are named), so a late or repeated approval changes
/// nothing. When every required role has approved, the video goes on.
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="Role">One of the roles the request named.</param>
/// <param name="By">Who approves, for the audit trail.</param>
/// <param name="Comment">Optional remark, kept with the decision.</param>
public sealed record ApproveVideo(Guid VideoId, string Role, string By, string? Comment = null)
{
    /// <summary>The point approved (<c>storyboard</c> or <c>final</c>); null: whichever the video waits at.</summary>
    public string? Point { get; init; }

    /// <summary>The version approved; null: the current one. An approval of an older version is ignored.</summary>
    public int? Version { get; init; }

    /// <summary>When the approver decided; defaults to when the saga receives it.</summary>
    public DateTimeOffset? At { get; init; }
}
