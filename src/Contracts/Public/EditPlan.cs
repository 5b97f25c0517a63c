namespace AiProd.Contracts;

/// <summary>
/// Public command: edit the plan of a video that waits for approval or is complete. Sent by the gateway
/// (<c>PATCH /v1/videos/{id}/plan</c>) to the saga's endpoint; consumed by the saga. The edit becomes a new version and
/// the video restarts at the earliest stage it affects: a scene's text → Visual; a shot's prompt, camera or duration →
/// Financial, then Render of the changed shots only. Ignored in any other state, and when <see cref="Version"/> is not
/// the current one.
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="By">Who edits, for the history and the audit trail.</param>
/// <param name="Scenes">New scene texts.</param>
/// <param name="Shots">Shot changes.</param>
public sealed record EditPlan(Guid VideoId, string By, IReadOnlyList<SceneEdit> Scenes, IReadOnlyList<ShotEdit> Shots)
{
    /// <summary>The version edited; null: the current one. An edit of an older version is ignored.</summary>
    public int? Version { get; init; }

    /// <summary>When it was asked for; defaults to when the saga receives it.</summary>
    public DateTimeOffset? At { get; init; }
}
