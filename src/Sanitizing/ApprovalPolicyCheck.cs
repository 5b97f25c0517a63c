using System.Text.RegularExpressions;
using AiProd.Contracts;

namespace AiProd.Sanitizing;

/// <summary>
/// The rules of a request's <see cref="ApprovalPolicy"/>: the same for the gateway and for a <c>GenerateVideo</c> off the
/// bus. Each broken rule names its field (<c>approval.roles</c>, <c>approval.points</c> …) with a stable code.
/// </summary>
public static partial class ApprovalPolicyCheck
{
    public const int MaxRoles = 10;
    public const int MinDeadlineSeconds = 60;
    public const int MaxDeadlineSeconds = 30 * 24 * 3600;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();

    public static void Check(ApprovalPolicy? policy, List<InputViolation> violations)
    {
        if (policy is null)
            return;
        var roles = policy.Roles ?? [];
        if (roles.Count is 0 or > MaxRoles)
            violations.Add(new("approval.roles", "approval_roles_count", $"approval.roles must name 1–{MaxRoles} roles (for example [\"client\", \"legal\"]); it names {roles.Count}."));
        foreach (var role in roles.Where(r => r is null || !RoleName().IsMatch(r)).Take(1))
            violations.Add(new("approval.roles", "approval_role_invalid", $"approval.roles holds '{Shorten(role)}'; a role is 1–40 lower-case letters, digits or '-', starting with a letter."));
        if (roles.Distinct(StringComparer.Ordinal).Count() != roles.Count)
            violations.Add(new("approval.roles", "approval_role_repeated", "approval.roles names a role more than once; name each role once."));

        var points = policy.Points ?? [];
        if (points.Count == 0)
            violations.Add(new("approval.points", "approval_points_required", $"approval.points must name where the video waits: {string.Join(", ", ApprovalPoints.All)} or both."));
        foreach (var point in points.Where(p => !ApprovalPoints.All.Contains(p, StringComparer.Ordinal)).Take(1))
            violations.Add(new("approval.points", "approval_point_unknown", $"approval.points holds '{Shorten(point)}'; allowed: {string.Join(", ", ApprovalPoints.All)}."));
        if (points.Distinct(StringComparer.Ordinal).Count() != points.Count)
            violations.Add(new("approval.points", "approval_point_repeated", "approval.points names a point more than once."));

        if (policy.DeadlineSeconds is { } seconds && seconds is < MinDeadlineSeconds or > MaxDeadlineSeconds)
            violations.Add(new("approval.deadlineSeconds", "approval_deadline_out_of_range", $"approval.deadlineSeconds is {seconds}; allowed {MinDeadlineSeconds}–{MaxDeadlineSeconds} (30 days), or leave it out for no deadline."));
        if (!ApprovalPoints.DeadlinePolicies.Contains(policy.OnDeadline, StringComparer.Ordinal))
            violations.Add(new("approval.onDeadline", "approval_on_deadline_unknown", $"approval.onDeadline '{Shorten(policy.OnDeadline)}' is not a policy; allowed: {string.Join(", ", ApprovalPoints.DeadlinePolicies)}."));
    }

    private static string Shorten(string? value) =>
        value is null ? "null" : new string([.. value.Where(c => !char.IsControl(c)).Take(40)]);
}
