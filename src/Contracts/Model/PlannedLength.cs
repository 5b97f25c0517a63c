namespace AiProd.Contracts;

/// <summary>
/// One shot of a <see cref="PlanExcerpt"/>: what its frames on the video's grid depend on, its id, visible length
/// (<see cref="Shot.DurationSeconds"/>) and <see cref="Shot.TransitionOut"/>.
/// </summary>
public sealed record PlannedLength(string ShotId, double DurationSeconds, string TransitionOut);
