namespace AiProd.Contracts;

/// <summary>
/// Published by the financial worker when no backend fits the budget; consumed by the saga, which fails the video.
/// </summary>
public sealed record BudgetExceeded(Guid VideoId, int Attempt, decimal BudgetRemainingUsd, decimal CheapestUsd, IReadOnlyList<BackendQuote> Options, string Message) : IVideoMessage;
