using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Approvals;
using AiProd.Saga.Decisions;

namespace AiProd.Orchestration;

/// <summary>One version of a video as the versions API shows it: what was planned, estimated, made, scored and decided.</summary>
/// <param name="Number">1, 2 …</param>
/// <param name="Current">Whether the video is on this version now.</param>
/// <param name="Outcome">Why it was replaced; null for the current one.</param>
/// <param name="Direction">Its creative direction (scenes).</param>
/// <param name="Shots">Its shot plan.</param>
/// <param name="Estimate">Its cost estimate.</param>
/// <param name="CostUsd">What its renders cost.</param>
/// <param name="AssetUri">Its composed (or, once delivered, final) video; internal, reached through the version's content link.</param>
/// <param name="DurationSeconds">That video's length.</param>
/// <param name="TechnicalQa">Its technical QA report.</param>
/// <param name="SemanticQa">Its semantic QA report.</param>
/// <param name="Approvals">The approvals and rejections given on it.</param>
/// <param name="StartedAt">When its direction was asked for.</param>
/// <param name="EndedAt">When it was replaced; null for the current one.</param>
public sealed record VersionView(
    int Number,
    bool Current,
    string? Outcome,
    CreativeDirection? Direction,
    IReadOnlyList<Shot> Shots,
    CostEstimate? Estimate,
    decimal CostUsd,
    string? AssetUri,
    double DurationSeconds,
    TechnicalQaReport? TechnicalQa,
    SemanticQaReport? SemanticQa,
    IReadOnlyList<ApprovalDecision> Approvals,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt);

/// <summary>Every version of a video, the replaced ones as they were kept and the current one from the live state.</summary>
public static class VideoVersions
{
    public static IReadOnlyList<VersionView> From(VideoState video)
    {
        var views = video.Versions.Select(v => new VersionView(v.Number, false, v.Outcome, v.Direction, v.Shots, v.Estimate, v.CostUsd,
            v.ComposedAssetUri, v.DurationSeconds, v.TechnicalQa, v.SemanticQa, Decided(video, v.Number), v.StartedAt, v.EndedAt)).ToList();
        if (video.Revision == 0 && views.Count == 0)
            return views;

        var number = ApprovalRules.CurrentVersion(video);
        var shotIds = video.Shots.Select(s => s.ShotId).ToHashSet(StringComparer.Ordinal);
        var started = video.History.LastOrDefault(h => h.Stage == VideoStages.Creative)?.EnteredAt ?? video.CreatedAt;
        views.Add(new VersionView(number, true, null, video.Direction, video.Shots, video.Estimate,
            video.RenderLedger.Where(r => shotIds.Contains(r.ShotId)).Sum(r => r.CostUsd), video.AssetUri ?? video.ComposedAssetUri,
            video.ComposedDurationSeconds, video.TechnicalQa, video.SemanticQa, Decided(video, number), started, null));
        return views;
    }

    private static List<ApprovalDecision> Decided(VideoState video, int number) => [.. video.Approvals.Where(a => a.Version == number)];
}
