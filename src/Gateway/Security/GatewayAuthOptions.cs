namespace AiProd.Gateway.Security;

/// <summary>How callers prove who they are (section <c>Auth</c>); API keys are always on.</summary>
public sealed class GatewayAuthOptions
{
    public const string Section = "Auth";

    /// <summary>Shortest bootstrap secret accepted: a guessable one would be an open door with admin rights.</summary>
    public const int MinBootstrapKeyLength = 24;

    /// <summary>
    /// A secret accepted as an admin key, for automation and first start (environment <c>Auth__BootstrapKey</c>, never a
    /// file in the repository); at least <see cref="MinBootstrapKeyLength"/> characters. Unset: only stored keys work.
    /// </summary>
    public string? BootstrapKey { get; set; }

    /// <summary>
    /// Verified stored keys are remembered (<c>AiProd.Auth.ApiKeyCache</c>, by the SHA-256 of the secret). On SQLite (and
    /// in memory) the cache is always on and needs no duration: every request reads the keys' change stamp, which any
    /// write to the keys from any process moves, so a key revoked anywhere (this gateway, the CLI, another gateway on the
    /// file) is refused at its next request. On a store without a stamp (Firestore) this is how long a verified key is
    /// taken as valid without reading it again: zero, the default, reads the store on every request; above zero, a key
    /// revoked through this gateway still stops at once, but one revoked with the CLI or on another replica works for up
    /// to this long.
    /// </summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.Zero;

    /// <summary>Optional OIDC / JWT bearer tokens beside the API keys.</summary>
    public JwtAuthOptions Jwt { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        if (BootstrapKey is { } key && (key.Length < MinBootstrapKeyLength || key.Any(c => c <= ' ' || c > '~')))
            yield return $"Auth:BootstrapKey must be at least {MinBootstrapKeyLength} printable ASCII characters without spaces (for example: openssl rand -hex 32).";
        if (KeyCacheDuration < TimeSpan.Zero || KeyCacheDuration > TimeSpan.FromMinutes(1))
            yield return "Auth:KeyCacheDuration must be between 00:00:00 and 00:01:00 (a revoked key works at most this long).";
        if (Jwt.SigningKey is { } signing && System.Text.Encoding.UTF8.GetByteCount(signing) < 32)
            yield return "Auth:Jwt:SigningKey must be at least 32 bytes.";
        if (Jwt.Authority is { } authority && !Uri.TryCreate(authority, UriKind.Absolute, out _))
            yield return "Auth:Jwt:Authority must be an absolute URL (the OIDC issuer).";
        if (Jwt.IsEnabled && string.IsNullOrWhiteSpace(Jwt.Audience))
            yield return "Auth:Jwt:Audience is required when JWT bearer tokens are on.";
    }
}

/// <summary>
/// JWT bearer tokens (section <c>Auth:Jwt</c>): on when <see cref="Authority"/> (OIDC discovery) or
/// <see cref="SigningKey"/> (a shared HMAC key) is set. The owner is the token's <c>sub</c>, the scopes its
/// <c>scope</c> or <c>scp</c> claim.
/// </summary>
public sealed class JwtAuthOptions
{
    /// <summary>The OIDC issuer, whose <c>/.well-known/openid-configuration</c> names the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for (this API).</summary>
    public string? Audience { get; set; }

    /// <summary>The issuer tokens must name; defaults to <see cref="Authority"/>'s.</summary>
    public string? Issuer { get; set; }

    /// <summary>A symmetric HS256 key instead of OIDC discovery (tests, or an issuer that shares a key).</summary>
    public string? SigningKey { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}
