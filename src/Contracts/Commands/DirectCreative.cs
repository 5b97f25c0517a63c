namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga on entering Creative (again after a semantic QA failure, with that report); consumed by the creative director.
/// </summary>
public sealed record DirectCreative(Guid VideoId, int Attempt, VideoRequest Request, RequestAnalysis Analysis, SemanticQaReport? PreviousQa, CreativeDirection? PreviousDirection) : IVideoMessage;
