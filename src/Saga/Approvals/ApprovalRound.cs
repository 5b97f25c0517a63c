namespace AiProd.Saga.Approvals;

/// <summary>
/// What a video in AwaitingApproval waits for: the point, the version, since when and until when. The answers are in
/// <see cref="VideoState.Approvals"/> (those with this point and version).
/// </summary>
/// <param name="Point"><c>storyboard</c> or <c>final</c>.</param>
/// <param name="Version">The version the approvers look at.</param>
/// <param name="RequestedAtUnixMs">When the video started waiting (Unix milliseconds of the saga's clock).</param>
/// <param name="DueUnixMs">When the request's deadline passes; null: no deadline.</param>
public sealed record ApprovalRound(string Point, int Version, long RequestedAtUnixMs, long? DueUnixMs);
