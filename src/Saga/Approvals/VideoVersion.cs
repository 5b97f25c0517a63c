using AiProd.Contracts;

namespace AiProd.Saga.Approvals;

/// <summary>
/// An earlier version of a video, kept when a new one replaced it (a rejection, or semantic QA asking for a new
/// plan): its plan, estimate, composed video, QA reports and renders as they were. Its approvals stay in
/// <see cref="VideoState.Approvals"/> under its <see cref="Number"/>. The current version is the live state.
/// </summary>
/// <param name="Number">1, 2 …</param>
/// <param name="Direction">The creative direction.</param>
/// <param name="Shots">The shot plan.</param>
/// <param name="Estimate">The cost estimate of the plan.</param>
/// <param name="ComposedAssetUri">The composed video, when one was made.</param>
/// <param name="DurationSeconds">Its length.</param>
/// <param name="TechnicalQa">Its technical QA report.</param>
/// <param name="SemanticQa">Its semantic QA report.</param>
/// <param name="Renders">Every render paid for the version's shots.</param>
/// <param name="StartedAt">When its creative direction was asked for.</param>
/// <param name="EndedAt">When it was replaced.</param>
/// <param name="Outcome">Why it was replaced.</param>
public sealed record VideoVersion(
    int Number,
    CreativeDirection? Direction,
    IReadOnlyList<Shot> Shots,
    CostEstimate? Estimate,
    string? ComposedAssetUri,
    double DurationSeconds,
    TechnicalQaReport? TechnicalQa,
    SemanticQaReport? SemanticQa,
    IReadOnlyList<RenderedShot> Renders,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    string Outcome)
{
    /// <summary>What the version's renders cost (their billed failed attempts included).</summary>
    public decimal CostUsd => Renders.Sum(r => r.CostUsd);
}
