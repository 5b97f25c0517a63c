namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga on entering Financial; consumed by the financial worker.
/// </summary>
public sealed record EstimateCost(Guid VideoId, int Attempt, VideoRequest Request, RequestAnalysis Analysis, IReadOnlyList<Shot> Shots, decimal BudgetRemainingUsd) : IVideoMessage;
