using Microsoft.Extensions.Primitives;

namespace AiProd.Gateway.Security;

/// <summary>Where a request carries its credential: <c>Authorization: Bearer …</c> or <c>X-Api-Key: …</c>.</summary>
public static class Credentials
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string AuthorizationHeader = "Authorization";

    /// <summary>Longest credential read; longer ones are refused before any hashing or lookup.</summary>
    public const int MaxLength = 4096;

    /// <summary>The credential and the header that carried it; or the problem with it; or nothing when none was sent.</summary>
    public static (string? Secret, string Header, string? Problem) Read(IHeaderDictionary headers)
    {
        if (headers.TryGetValue(AuthorizationHeader, out var authorization))
        {
            if (One(authorization, AuthorizationHeader) is { } problem)
                return (null, AuthorizationHeader, problem);
            var value = authorization.ToString().Trim();
            if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || value.Length == "Bearer ".Length)
                return (null, AuthorizationHeader, "Use 'Authorization: Bearer <key>' (the Bearer scheme with an API key or a token).");
            return Checked(value["Bearer ".Length..].Trim(), AuthorizationHeader);
        }

        if (headers.TryGetValue(ApiKeyHeader, out var apiKey))
        {
            if (One(apiKey, ApiKeyHeader) is { } problem)
                return (null, ApiKeyHeader, problem);
            return Checked(apiKey.ToString().Trim(), ApiKeyHeader);
        }

        return (null, AuthorizationHeader, null);
    }

    /// <summary>True when the bearer credential is shaped like a JWT (three dot-separated parts) rather than an API key.</summary>
    public static bool LooksLikeJwt(string secret) => secret.Count(c => c == '.') == 2;

    private static string? One(StringValues values, string header) =>
        values.Count == 1 ? null : $"Send one {header} header, not {values.Count}.";

    private static (string?, string, string?) Checked(string secret, string header) =>
        secret.Length is 0 or > MaxLength || secret.Any(c => c <= ' ' || c > '~')
            ? (null, header, $"The credential in {header} is empty, longer than {MaxLength} characters or has characters no key or token has.")
            : (secret, header, null);
}
