namespace AiProd.Contracts;

/// <summary>A shot that a backend has rendered and stored.</summary>
/// <param name="ShotId">The shot's id.</param>
/// <param name="AssetUri">Where the clip is stored (a file:// or gs:// URI); bytes never travel on the bus.</param>
/// <param name="DurationSeconds">Measured length of the stored clip.</param>
/// <param name="Backend">The backend that rendered it.</param>
/// <param name="CostUsd">What rendering it cost.</param>
/// <param name="Attempt">The render attempt that produced it.</param>
public sealed record RenderedShot(string ShotId, string AssetUri, double DurationSeconds, string Backend, decimal CostUsd, int Attempt);
