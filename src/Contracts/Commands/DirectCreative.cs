namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga on entering Creative (again after a semantic QA failure, with that report, or after an approver's
/// rejection, with its comments); consumed by the creative director.
/// </summary>
public sealed record DirectCreative(Guid VideoId, int Attempt, VideoRequest Request, RequestAnalysis Analysis, SemanticQaReport? PreviousQa, CreativeDirection? PreviousDirection) : IVideoMessage
{
    /// <summary>An approver rejected the previous version: what they asked to change, to direct this one. Empty otherwise.</summary>
    public IReadOnlyList<string> ReviewerNotes { get; init; } = [];
}
