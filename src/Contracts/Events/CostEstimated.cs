namespace AiProd.Contracts;

/// <summary>
/// Published by the financial worker when a backend fits the budget; consumed by the saga.
/// </summary>
public sealed record CostEstimated(Guid VideoId, int Attempt, CostEstimate Estimate) : IVideoMessage;
