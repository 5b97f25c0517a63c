namespace AiProd.Contracts;

/// <summary>The financial stage's estimate and backend choice.</summary>
/// <param name="EstimatedUsd">Expected cost of rendering with <paramref name="Backend"/>.</param>
/// <param name="Backend">The chosen primary render backend ("veo3", "runway", "replicate-wan25" or "local").</param>
/// <param name="FallbackChain">Backends to try in order after the primary, each within budget; "local" is always last.</param>
/// <param name="Options">Every backend considered, with its cost and whether it fits the budget.</param>
/// <param name="Factors">The cost model's parameters and multipliers, named, for the manifest.</param>
public sealed record CostEstimate(
    decimal EstimatedUsd,
    string Backend,
    IReadOnlyList<string> FallbackChain,
    IReadOnlyList<BackendQuote> Options,
    IReadOnlyDictionary<string, double> Factors);
