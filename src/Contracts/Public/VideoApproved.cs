namespace AiProd.Contracts;

/// <summary>
/// Public event, published by the saga for every approval it accepts (a role's, or the deadline's on behalf of the
/// roles that did not answer when the policy says <c>approve</c>).
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="Decision">Who approved, as what, where, on which version and when.</param>
/// <param name="RemainingRoles">Roles still to approve at this point; empty: the video goes on.</param>
public sealed record VideoApproved(Guid VideoId, ApprovalDecision Decision, IReadOnlyList<string> RemainingRoles);
