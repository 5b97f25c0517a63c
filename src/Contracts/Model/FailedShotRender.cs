namespace AiProd.Contracts;

/// <summary>
/// A shot that no backend could render, with every attempt made; it rides on the render worker's
/// <see cref="StepFailed"/> so the saga can count what the failed attempts were billed.
/// </summary>
/// <param name="ShotId">The shot's id.</param>
/// <param name="Attempt">The render attempt (round).</param>
/// <param name="Attempts">Every backend tried, in order.</param>
public sealed record FailedShotRender(string ShotId, int Attempt, IReadOnlyList<RenderAttempt> Attempts);
