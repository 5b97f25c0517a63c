namespace AiProd.Contracts;

/// <summary>
/// Public event, published by the saga when it accepts a rejection: the video goes back to Creative as
/// <paramref name="NextVersion"/>, directed by the comment.
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="Decision">Who rejected, as what, where, on which version, why and when.</param>
/// <param name="NextVersion">The version the creative director now makes.</param>
public sealed record VideoRejected(Guid VideoId, ApprovalDecision Decision, int NextVersion);
