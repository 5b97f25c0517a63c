using AiProd.Contracts;
using AiProd.Workers.Common;

namespace AiProd.Workers.Render;

/// <summary>
/// The fallback chain's decisions as pure functions: which backends to try in which order, whether the next one
/// still fits the shot's budget, and what the shot's failure is when none delivered.
/// </summary>
public static class RenderChainPolicy
{
    /// <summary>The financial step's chain: the primary, then its fallbacks in order, each once.</summary>
    public static IReadOnlyList<string> Order(string primary, IReadOnlyList<string> fallbacks) =>
        [.. new[] { primary }.Concat(fallbacks).Where(b => !string.IsNullOrWhiteSpace(b)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// An attempt starts only if what the shot has already spent plus the attempt's quote stays within the shot's
    /// allowance (no allowance: no limit). A backend that no longer fits is skipped and cheaper ones later in the
    /// chain still get their turn.
    /// </summary>
    public static bool Fits(decimal? allowanceUsd, decimal spentUsd, decimal quoteUsd) =>
        allowanceUsd is not { } allowance || spentUsd + quoteUsd <= allowance;

    /// <summary>The skipped attempt recorded for a backend that would break the budget.</summary>
    public static RenderAttempt OverBudget(string backend, decimal? allowanceUsd, decimal spentUsd, decimal quoteUsd) =>
        new(backend, RenderAttempt.Skipped, "over_budget",
            $"{backend} would cost up to {Money.Format(quoteUsd)} on top of {Money.Format(spentUsd)} already spent; the shot's budget is {Money.Format(allowanceUsd ?? 0m)}.",
            0m, 0);

    /// <summary>
    /// Why the shot failed when no backend delivered. The chain ran out because of the budget when its last entry was
    /// skipped for it (<c>budget_exceeded</c>, final); every backend refusing the content is final too; backends not
    /// deployed here may be elsewhere (retryable); otherwise another try later may succeed.
    /// </summary>
    public static StepException Failure(string shotId, IReadOnlyList<RenderAttempt> attempts, IEnumerable<string>? available = null)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var summary = string.Join("; ", attempts.Select(a => $"{a.Backend}: {a.Outcome}{(a.Code is null ? "" : $" ({a.Code})")}"));
        var spent = attempts.Sum(a => a.CostUsd);
        var tried = attempts.Where(a => a.Outcome != RenderAttempt.Skipped).ToList();
        if (attempts.Count > 0 && attempts[^1].Code == "over_budget")
            return new StepException(VideoStages.Render, "budget_exceeded",
                $"Shot {shotId} could not be rendered within its budget ({Money.Format(spent)} spent): {summary}.", retryable: false);
        if (tried.Count == 0)
            return new StepException(VideoStages.Render, "backend_unavailable",
                $"None of the chosen backends ({string.Join(", ", attempts.Select(a => a.Backend))}) is available in this deployment; available: {string.Join(", ", available ?? [])}.", retryable: true);
        if (tried.All(a => a.Outcome == RenderAttempt.Refused))
            return new StepException(VideoStages.Render, "content_refused",
                $"Every backend refused shot {shotId} on content-safety grounds: {summary}.", retryable: false);
        return new StepException(VideoStages.Render, "render_failed",
            $"Shot {shotId} failed on every backend ({Money.Format(spent)} spent): {summary}.", retryable: true);
    }
}
