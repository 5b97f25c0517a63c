namespace AiProd.Contracts;

/// <summary>A shot that a backend has rendered and stored.</summary>
/// <param name="ShotId">The shot's id.</param>
/// <param name="AssetUri">Where the clip is stored (a file:// or gs:// URI); bytes never travel on the bus.</param>
/// <param name="DurationSeconds">Measured length of the stored clip.</param>
/// <param name="Backend">The backend that rendered it.</param>
/// <param name="CostUsd">What rendering it cost in all: the successful attempt plus any billed failed attempts on other backends.</param>
/// <param name="Attempt">The render attempt (round) that produced it.</param>
public sealed record RenderedShot(string ShotId, string AssetUri, double DurationSeconds, string Backend, decimal CostUsd, int Attempt)
{
    /// <summary>
    /// Every backend tried for this shot in this round, in order, the successful one last. Empty for clips recorded
    /// before attempts were kept (a stored saga without the field reads as empty).
    /// </summary>
    public IReadOnlyList<RenderAttempt> Attempts { get; init; } = [];

    /// <summary>
    /// The stored clip of an identical shot (in this video or another) that this render reused from the render cache
    /// instead of rendering it again; it then cost nothing. Null for a clip rendered for this shot.
    /// </summary>
    public string? ReusedFrom { get; init; }

    /// <summary>Value equality including the attempts, element by element (a record compares lists by reference).</summary>
    public bool Equals(RenderedShot? other) =>
        other is not null
        && ShotId == other.ShotId && AssetUri == other.AssetUri && DurationSeconds.Equals(other.DurationSeconds)
        && Backend == other.Backend && CostUsd == other.CostUsd && Attempt == other.Attempt
        && ReusedFrom == other.ReusedFrom && Attempts.SequenceEqual(other.Attempts);

    public override int GetHashCode() => HashCode.Combine(ShotId, AssetUri, DurationSeconds, Backend, CostUsd, Attempt, Attempts.Count);
}
