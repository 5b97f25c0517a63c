using AiProd.Contracts;

namespace AiProd.Workers.Financial;

/// <summary>Prices a shot plan on every backend and picks the primary and fallbacks that fit the budget.</summary>
public interface ICostEstimator
{
    CostDecision Estimate(EstimateCost command);
}

/// <summary>Either an estimate that fits, or the numbers that show nothing does.</summary>
public sealed record CostDecision(CostEstimate? Estimate, decimal CheapestUsd, IReadOnlyList<BackendQuote> Options, string Message)
{
    public bool FitsBudget => Estimate is not null;
}
