namespace AiProd.Contracts;

/// <summary>
/// Public event, published once by the saga when a video is delivered.
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="AssetUri">Where the MP4 is stored.</param>
/// <param name="ManifestUri">Where its JSON manifest is stored.</param>
/// <param name="DurationSeconds">Measured length of the MP4.</param>
/// <param name="EstimatedCostUsd">The financial stage's last estimate.</param>
/// <param name="ActualCostUsd">What rendering actually cost, every attempt included.</param>
/// <param name="TechnicalChecksPassed">How many of the technical checks passed.</param>
/// <param name="SemanticScore">The overall semantic QA score (0–10).</param>
/// <param name="CompletedAt">When the video was delivered.</param>
public sealed record VideoCompleted(
    Guid VideoId,
    string AssetUri,
    string ManifestUri,
    double DurationSeconds,
    decimal EstimatedCostUsd,
    decimal ActualCostUsd,
    int TechnicalChecksPassed,
    double SemanticScore,
    DateTimeOffset CompletedAt);
