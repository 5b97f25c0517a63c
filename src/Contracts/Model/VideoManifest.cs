namespace AiProd.Contracts;

/// <summary>Everything known about a delivered video; stored as JSON beside the MP4.</summary>
public sealed record VideoManifest(
    Guid VideoId,
    VideoRequest Request,
    SanitizedRequest? Sanitized,
    RequestAnalysis? Analysis,
    CreativeDirection? Direction,
    IReadOnlyList<Shot> Shots,
    IReadOnlyList<RenderedShot> RenderedShots,
    CostEstimate? Estimate,
    decimal ActualCostUsd,
    TechnicalQaReport? TechnicalQa,
    SemanticQaReport? SemanticQa,
    IReadOnlyList<StageRecord> History,
    DateTimeOffset CreatedAt);
