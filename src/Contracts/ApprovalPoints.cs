namespace AiProd.Contracts;

/// <summary>
/// Where a video can wait for people to approve it (<see cref="ApprovalPolicy.Points"/>), and what the saga does when
/// an approval's deadline passes (<see cref="ApprovalPolicy.OnDeadline"/>).
/// </summary>
public static class ApprovalPoints
{
    /// <summary>After the cost estimate, before any paid render: approvers see the plan, the estimate and an animatic.</summary>
    public const string Storyboard = "storyboard";

    /// <summary>After semantic QA, before delivery: approvers see the composed video and its QA reports.</summary>
    public const string Final = "final";

    /// <summary>The deadline passed: the video fails with <c>approval_timed_out</c> (the default).</summary>
    public const string FailOnDeadline = "fail";

    /// <summary>The deadline passed: the roles that did not answer count as approving, and the video goes on.</summary>
    public const string ApproveOnDeadline = "approve";

    public static readonly IReadOnlyList<string> All = [Storyboard, Final];

    public static readonly IReadOnlyList<string> DeadlinePolicies = [FailOnDeadline, ApproveOnDeadline];
}
