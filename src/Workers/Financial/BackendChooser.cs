using AiProd.Contracts;
using AiProd.Workers.Common;

namespace AiProd.Workers.Financial;

/// <summary>
/// Picks the render backend from quotes already in quality order: the best one that fits the budget renders, the
/// other fitting ones follow as fallbacks in quality order with "local" last (the renderer that is always there).
/// </summary>
public static class BackendChooser
{
    public const string Local = "local";

    public static CostDecision Choose(IReadOnlyList<BackendQuote> quotesBestFirst, decimal budgetRemainingUsd, IReadOnlyDictionary<string, double> factors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(quotesBestFirst.Count);
        var cheapest = quotesBestFirst.OrderBy(q => q.CostUsd).ThenBy(q => q.Backend == Local ? 0 : 1).First();
        var fitting = quotesBestFirst.Where(q => q.FitsBudget).ToList();
        if (fitting.Count == 0)
        {
            var message = $"No backend fits the budget: the cheapest option, {cheapest.Backend} at {Money.Format(cheapest.CostUsd)}, exceeds the remaining budget of {Money.Format(budgetRemainingUsd)}.";
            return new CostDecision(null, cheapest.CostUsd, quotesBestFirst, message);
        }

        var primary = fitting[0];

        // Stable sort: quality order is kept, only "local" moves to the end.
        var fallbacks = fitting.Skip(1).OrderBy(q => q.Backend == Local ? 1 : 0).Select(q => q.Backend).ToList();
        var estimate = new CostEstimate(primary.CostUsd, primary.Backend, fallbacks, quotesBestFirst, factors);
        var chain = fallbacks.Count == 0 ? "no fallbacks" : $"fallbacks: {string.Join(", ", fallbacks)}";
        return new CostDecision(estimate, cheapest.CostUsd, quotesBestFirst,
            $"{primary.Backend} at {Money.Format(primary.CostUsd)} fits the remaining budget of {Money.Format(budgetRemainingUsd)}; {chain}.");
    }
}
