namespace AiProd.Contracts;

/// <summary>
/// Published by the technical QA gate, pass or fail; consumed by the saga.
/// </summary>
public sealed record TechnicalQaCompleted(Guid VideoId, int Attempt, TechnicalQaReport Report) : IVideoMessage;
