namespace AiProd.Contracts;

/// <summary>
/// Public event, published by the saga when a video enters AwaitingApproval; for approvers' tools and notifications.
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="Point"><c>storyboard</c> or <c>final</c>.</param>
/// <param name="Version">The version to approve.</param>
/// <param name="Roles">Every role that must approve.</param>
/// <param name="DueAt">When the deadline passes; null: none.</param>
/// <param name="OnDeadline"><c>fail</c> or <c>approve</c>: what the deadline does.</param>
/// <param name="Timestamp">When the video started waiting.</param>
public sealed record ApprovalRequested(Guid VideoId, string Point, int Version, IReadOnlyList<string> Roles, DateTimeOffset? DueAt, string OnDeadline, DateTimeOffset Timestamp)
{
    /// <summary>At <c>storyboard</c>: the estimated cost in USD approvers are asked to accept.</summary>
    public decimal? EstimatedUsd { get; init; }

    /// <summary>At <c>final</c>: the composed video's asset URI.</summary>
    public string? AssetUri { get; init; }
}
