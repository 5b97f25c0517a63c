namespace AiProd.Contracts;

/// <summary>
/// Published by the render worker when the shots are joined into one MP4; consumed by the saga.
/// </summary>
public sealed record VideoComposed(Guid VideoId, int Attempt, string AssetUri, double DurationSeconds, IReadOnlyList<ShotTiming> Timeline) : IVideoMessage;
