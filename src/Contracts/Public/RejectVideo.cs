namespace AiProd.Contracts;

/// <summary>
/// Public command: one role rejects a video waiting in AwaitingApproval. Sent by the gateway to the saga's endpoint,
/// published by any other system on its topic; consumed by the saga. The video goes back to Creative with
/// <paramref name="Comment"/> as direction and becomes a new version. Ignored unless the video waits for
/// <paramref name="Role"/> at the given point and version (when they are named).
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="Role">One of the roles the request named.</param>
/// <param name="By">Who rejects, for the audit trail.</param>
/// <param name="Comment">What must change (1–2,000 characters); the creative director works from it.</param>
public sealed record RejectVideo(Guid VideoId, string Role, string By, string Comment)
{
    /// <summary>The point rejected (<c>storyboard</c> or <c>final</c>); null: whichever the video waits at.</summary>
    public string? Point { get; init; }

    /// <summary>The version rejected; null: the current one. A rejection of an older version is ignored.</summary>
    public int? Version { get; init; }

    /// <summary>When the approver decided; defaults to when the saga receives it.</summary>
    public DateTimeOffset? At { get; init; }
}
