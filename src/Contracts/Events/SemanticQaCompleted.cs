namespace AiProd.Contracts;

/// <summary>
/// Published by the semantic QA evaluator, pass or fail; consumed by the saga.
/// </summary>
public sealed record SemanticQaCompleted(Guid VideoId, int Attempt, SemanticQaReport Report) : IVideoMessage;
