namespace AiProd.Contracts;

/// <summary>
/// Published by the analyzer; consumed by the saga.
/// </summary>
public sealed record RequestAnalyzed(Guid VideoId, int Attempt, RequestAnalysis Analysis) : IVideoMessage;
