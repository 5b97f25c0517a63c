namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga on entering Analysis; consumed by the creative worker's analyzer.
/// </summary>
public sealed record AnalyzeRequest(Guid VideoId, int Attempt, SanitizedRequest Input) : IVideoMessage;
