using AiProd.Contracts;

namespace AiProd.Saga.Activities;

/// <summary>Builds the manifest the delivery worker stores beside the MP4.</summary>
public static class ManifestBuilder
{
    public static VideoManifest Build(VideoState video) => new(
        video.CorrelationId,
        video.Submitted,
        video.Sanitized,
        video.Analysis,
        video.Direction,
        video.Shots,
        video.RenderLedger,
        video.Estimate,
        video.ActualCostUsd,
        video.TechnicalQa,
        video.SemanticQa,
        video.History,
        video.CreatedAt);
}
