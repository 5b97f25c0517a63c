using AiProd.Contracts;
using AiProd.Saga.Decisions;

namespace AiProd.Saga.Activities;

/// <summary>
/// The commands the video's current stage is waiting on, as a pure function of its state. Entering a stage sends
/// them; a stage that has not answered by its deadline gets them again (same attempt, so idempotent workers answer
/// from what they already did).
/// </summary>
public static class StepCommands
{
    public static IReadOnlyList<IVideoMessage> For(VideoState v)
    {
        var (id, attempt) = (v.CorrelationId, v.StageAttempt);
        return StageLog.StageOf(v) switch
        {
            VideoStages.InputSanitizer => [new SanitizeInput(id, attempt, v.Request)],
            VideoStages.Analysis => [new AnalyzeRequest(id, attempt, v.Sanitized!)],
            VideoStages.Creative => [new DirectCreative(id, attempt, v.Request, v.Analysis!,
                v.CreativeAttempts > 1 && v.ReviewerNotes.Count == 0 ? v.SemanticQa : null, v.Revision > 1 || v.CreativeAttempts > 1 ? v.Direction : null)
            {
                ReviewerNotes = [.. v.ReviewerNotes],
            }],
            VideoStages.Visual => [new TranslateVisuals(id, attempt, v.Request, v.Direction!)],
            VideoStages.Financial => [new EstimateCost(id, attempt, v.Request, v.Analysis!, v.Shots, Math.Max(0m, v.Request.BudgetUsd - v.ActualCostUsd))],
            VideoStages.Render => Render(v),
            VideoStages.QaTech => [new RunTechnicalQa(id, attempt, v.ComposedAssetUri!, v.Request, v.Timeline)],
            VideoStages.QaSemantic => [new RunSemanticQa(id, attempt, v.ComposedAssetUri!, v.Request, v.Direction!, v.Shots, v.Timeline)],
            VideoStages.Finalize => [new FinalizeVideo(id, attempt, v.ComposedAssetUri!, ManifestBuilder.Build(v))],
            _ => [],
        };
    }

    /// <summary>Fan-out: one RenderShot per shot not rendered yet, with the PrepareSoundtrack the composer can use; once every shot is in, the fan-in ComposeVideo.</summary>
    private static IReadOnlyList<IVideoMessage> Render(VideoState v)
    {
        var estimate = v.Estimate ?? throw new InvalidOperationException("Render entered without a cost estimate.");
        var missing = v.Shots.Where(s => !v.RenderedShots.ContainsKey(s.ShotId)).ToList();
        if (missing.Count > 0)
        {
            var allowances = RenderBudget.Share(v.Request.BudgetUsd - v.ActualCostUsd, missing.Select(s => s.DurationSeconds).ToList());
            var ordered = v.Shots.OrderBy(s => s.Order).ToList();
            // The soundtrack depends on the plan only: the render role prepares it while the shots render.
            return [new PrepareSoundtrack(v.CorrelationId, v.StageAttempt, v.Request, v.Shots),
                .. missing.Select((s, i) => new RenderShot(v.CorrelationId, v.StageAttempt, s, estimate.Backend, estimate.FallbackChain)
                {
                    BudgetUsd = allowances[i],
                    // After technical QA sent shots back, they are rendered anew, not taken from the render cache.
                    Fresh = v.ReRenders > 0,
                    // The neighbours' transition windows are encoded by whichever render step comes second; it needs the
                    // shots around its own only, so a command stays the same size however long the plan.
                    Neighbours = Around(ordered, ordered.FindIndex(o => o.ShotId == s.ShotId)),
                })];
        }

        var clips = v.Shots.OrderBy(s => s.Order).Select(s => v.RenderedShots[s.ShotId]).ToList();
        return [new ComposeVideo(v.CorrelationId, v.StageAttempt, v.Request, v.Shots, clips)];
    }

    /// <summary>How many shots on either side of its own a <see cref="RenderShot"/> carries: a window's frames depend on its two shots and the one on either side.</summary>
    public const int NeighbourReach = 2;

    /// <summary>
    /// The shots within <see cref="NeighbourReach"/> of <paramref name="index"/> in <paramref name="ordered"/> (the plan in
    /// shot order) and the seconds before them, summed from the first shot one after the other as compose sums them, so the
    /// render step rounds the same frame boundaries. A slice and a sum only: the frame grid is compose's, laid out by the render step.
    /// <paramref name="reach"/> is for tests that lay out narrower excerpts; the saga always sends <see cref="NeighbourReach"/>.
    /// </summary>
    public static PlanExcerpt Around(IReadOnlyList<Shot> ordered, int index, int reach = NeighbourReach)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ordered.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(reach);
        var first = Math.Max(0, index - reach);
        var last = Math.Min(ordered.Count - 1, index + reach);
        var before = 0.0;
        for (var i = 0; i < first; i++)
            before += ordered[i].DurationSeconds;
        return new PlanExcerpt(first, ordered.Count, before,
            [.. Enumerable.Range(first, last - first + 1).Select(i => new PlannedLength(ordered[i].ShotId, ordered[i].DurationSeconds, ordered[i].TransitionOut))]);
    }
}
