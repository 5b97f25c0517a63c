namespace AiProd.Contracts;

/// <summary>
/// Public event, published once by the saga when a video is delivered.
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="AssetUri">Where the MP4 is stored: <c>gs://bucket/…</c> on Cloud Storage, <c>local:…</c> in embedded mode (relative to the asset folder).</param>
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
    DateTimeOffset CompletedAt)
{
    /// <summary>
    /// An HTTPS link to the MP4 when the store has one (Cloud Storage: <c>https://storage.googleapis.com/…</c>, readable
    /// with Google credentials that may read the bucket); null in embedded mode. The gateway's
    /// <c>/v1/videos/{id}/content</c> serves it to anyone with access to the video.
    /// </summary>
    public string? DownloadUrl { get; init; }
}
