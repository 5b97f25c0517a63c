using AiProd.Contracts;

namespace AiProd.Orchestration;

/// <summary>What one backend was asked to do for a video and what it cost, summed over every shot and round.</summary>
/// <param name="Backend">The backend.</param>
/// <param name="Attempts">Attempts started on it (skipped ones not counted).</param>
/// <param name="Succeeded">Attempts that delivered a clip.</param>
/// <param name="Refused">Attempts it refused on content-safety grounds.</param>
/// <param name="Failed">Attempts that failed otherwise.</param>
/// <param name="Skipped">Times it was passed over (not deployed here, or over the shot's budget).</param>
/// <param name="CostUsd">What its attempts cost, billed failures included.</param>
public sealed record BackendSpend(string Backend, int Attempts, int Succeeded, int Refused, int Failed, int Skipped, decimal CostUsd);

/// <summary>One shot's render in one round: who delivered it (null when none did), its cost and every attempt.</summary>
public sealed record ShotRenderSummary(string ShotId, int Round, string? Backend, decimal CostUsd, IReadOnlyList<RenderAttempt> Attempts);

/// <summary>Read-model of the render ledger for the status API and the CLI.</summary>
public static class RenderSpend
{
    /// <summary>Every render, delivered or failed, in ledger order (failed ones last).</summary>
    public static IReadOnlyList<ShotRenderSummary> Shots(IEnumerable<RenderedShot> ledger, IEnumerable<FailedShotRender> failed) =>
    [
        .. ledger.Select(r => new ShotRenderSummary(r.ShotId, r.Attempt, r.Backend, r.CostUsd, r.Attempts)),
        .. failed.Select(f => new ShotRenderSummary(f.ShotId, f.Attempt, null, f.Attempts.Sum(a => a.CostUsd), f.Attempts)),
    ];

    /// <summary>
    /// Per-backend totals, in the order backends were first tried. A ledger entry recorded before attempts were kept
    /// counts as one successful attempt of its backend.
    /// </summary>
    public static IReadOnlyList<BackendSpend> ByBackend(IReadOnlyList<ShotRenderSummary> shots) =>
    [
        .. shots
            .SelectMany(s => s.Attempts.Count > 0 || s.Backend is null
                ? s.Attempts
                : [new RenderAttempt(s.Backend, RenderAttempt.Succeeded, null, null, s.CostUsd, 0)])
            .GroupBy(a => a.Backend, StringComparer.Ordinal)
            .Select(g => new BackendSpend(
                g.Key,
                g.Count(a => a.Outcome != RenderAttempt.Skipped),
                g.Count(a => a.Outcome == RenderAttempt.Succeeded),
                g.Count(a => a.Outcome == RenderAttempt.Refused),
                g.Count(a => a.Outcome == RenderAttempt.Failed),
                g.Count(a => a.Outcome == RenderAttempt.Skipped),
                g.Sum(a => a.CostUsd))),
    ];
}
