namespace AiProd.Contracts;

/// <summary>One role's answer at one approval point of one version of a video.</summary>
/// <param name="Point"><see cref="ApprovalPoints.Storyboard"/> or <see cref="ApprovalPoints.Final"/>.</param>
/// <param name="Version">The version of the video it was given on (1, 2 …).</param>
/// <param name="Role">The role that answered.</param>
/// <param name="By">Who answered (an API key's owner or name, a token's subject, another system's user, or <c>deadline</c>).</param>
/// <param name="Approved">True for an approval, false for a rejection.</param>
/// <param name="Comment">Why; a rejection's comments become the direction of the next version.</param>
/// <param name="At">When.</param>
public sealed record ApprovalDecision(string Point, int Version, string Role, string By, bool Approved, string? Comment, DateTimeOffset At);
