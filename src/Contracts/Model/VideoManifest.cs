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
    DateTimeOffset CreatedAt)
{
    /// <summary>The voice-over lines as they sit in the video (empty when it is not narrated).</summary>
    public IReadOnlyList<NarrationCue> Narration { get; init; } = [];

    /// <summary>Names of the subtitle files stored beside the MP4 ("video.srt", "video.vtt").</summary>
    public IReadOnlyList<string> Subtitles { get; init; } = [];

    /// <summary>Every delivered aspect ratio and its file, the master first (one entry when one format was asked for).</summary>
    public IReadOnlyList<DeliveredFormat> Formats { get; init; } = [];
}
