namespace AiProd.Contracts;

/// <summary>Public event, published by the saga when it accepts an <see cref="EditPlan"/>.</summary>
/// <param name="VideoId">The video.</param>
/// <param name="Version">The new version the edit made.</param>
/// <param name="RestartStage">Where the video starts again (Visual or Financial).</param>
/// <param name="ChangedShotIds">The shots rendered again (empty when Visual plans them anew).</param>
/// <param name="By">Who edited.</param>
/// <param name="At">When.</param>
public sealed record PlanEdited(Guid VideoId, int Version, string RestartStage, IReadOnlyList<string> ChangedShotIds, string By, DateTimeOffset At);
