using System.Security.Claims;
using AiProd.Auth;

namespace AiProd.Gateway.Security;

/// <summary>What the gateway knows about the caller of a request, read from its authenticated principal.</summary>
public static class Caller
{
    public const string OwnerClaim = "sub";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "key_id";

    /// <summary>Whose videos the caller submits and sees.</summary>
    public static string? Owner(this ClaimsPrincipal user) => user.FindFirst(OwnerClaim)?.Value;

    /// <summary>Every scope granted, from <c>scope</c> or <c>scp</c> claims (space-separated or one per claim).</summary>
    public static IEnumerable<string> Scopes(this ClaimsPrincipal user) =>
        user.Claims.Where(c => c.Type is ScopeClaim or "scp").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static bool HasScope(this ClaimsPrincipal user, string scope) => ApiKeyScopes.Allows(user.Scopes(), scope);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.Scopes().Contains(ApiKeyScopes.Admin, StringComparer.Ordinal);

    /// <summary>
    /// The owner filter for this caller's reads: null for an administrator (everyone's videos, and those owned by
    /// nobody), else the caller's owner.
    /// </summary>
    public static string? OwnerFilter(this ClaimsPrincipal user) => user.IsAdmin() ? null : user.Owner() ?? string.Empty;

    /// <summary>True when the caller may see a video of <paramref name="owner"/>.</summary>
    public static bool MaySee(this ClaimsPrincipal user, string? owner) =>
        user.IsAdmin() || (owner is not null && string.Equals(owner, user.Owner(), StringComparison.Ordinal));

    /// <summary>Who acts, for approvals and the audit trail: the owner, with the key that was used when it was one.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        (user.Owner(), user.FindFirst(KeyIdClaim)?.Value) switch
        {
            ({ } owner, { } key) => $"{owner} ({key})",
            ({ } owner, null) => owner,
            (null, { } key) => key,
            _ => "unknown",
        };

    /// <summary>Who a rate limit counts against: the key, the token's subject, or (anonymous) the remote address.</summary>
    public static string RateLimitPartition(this HttpContext context) =>
        context.User.FindFirst(KeyIdClaim)?.Value is { } keyId ? $"key:{keyId}"
        : context.User.Identity?.IsAuthenticated == true && context.User.Owner() is { } sub ? $"sub:{sub}"
        : $"ip:{context.Connection.RemoteIpAddress}";
}
