namespace AiProd.Contracts;

/// <summary>One backend's price for the whole video.</summary>
/// <param name="Backend">Backend name.</param>
/// <param name="PricePerSecondUsd">Configured price per rendered second.</param>
/// <param name="CostUsd">Cost of the whole video with the cost model's multipliers applied.</param>
/// <param name="FitsBudget">Whether <paramref name="CostUsd"/> is within the remaining budget.</param>
public sealed record BackendQuote(string Backend, decimal PricePerSecondUsd, decimal CostUsd, bool FitsBudget);
