namespace AiProd.Auth;

/// <summary>Issues, verifies and revokes API keys on the configured <see cref="IApiKeyStore"/>.</summary>
public sealed class ApiKeys(IApiKeyStore store, TimeProvider time)
{
    /// <summary>Longest name and owner accepted, so a list stays readable.</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// A new key and its secret, which is shown once and never stored. <paramref name="owner"/> defaults to the key's
    /// own id; give the same owner to several keys to let them share videos.
    /// </summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, IReadOnlyCollection<string> scopes, string? owner, CancellationToken cancellationToken = default)
    {
        var problems = Problems(name, scopes, owner);
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems));
        var id = ApiKeySecrets.NewId();
        var secret = ApiKeySecrets.NewSecret(id);
        var key = new ApiKey(id, name.Trim(), string.IsNullOrWhiteSpace(owner) ? id : owner.Trim(), [.. scopes.Distinct(StringComparer.Ordinal)],
            ApiKeySecrets.Sha256Hex(secret), time.GetUtcNow());
        await store.CreateAsync(key, cancellationToken);
        return (key, secret);
    }

    /// <summary>The live key this secret belongs to, or null (unknown, revoked, or a wrong secret for a real id).</summary>
    public async Task<ApiKey?> VerifyAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (ApiKeySecrets.IdOf(secret) is not { } id)
            return null;
        var key = await store.FindAsync(id, cancellationToken);
        return key is { IsRevoked: false } && ApiKeySecrets.Matches(secret, key.SecretSha256) ? key : null;
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    public Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default) => store.RevokeAsync(id, time.GetUtcNow(), cancellationToken);

    /// <summary>Every problem with a key's settings, worded for the person creating it.</summary>
    public static IReadOnlyList<string> Problems(string? name, IReadOnlyCollection<string> scopes, string? owner)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || name.Any(char.IsControl))
            problems.Add($"--name must be 1–{MaxNameLength} printable characters.");
        if (scopes.Count == 0)
            problems.Add($"--scopes needs at least one of {string.Join(", ", ApiKeyScopes.All)}.");
        foreach (var unknown in scopes.Where(s => !ApiKeyScopes.IsKnown(s)))
            problems.Add($"--scopes: '{unknown}' is not a scope; use {string.Join(", ", ApiKeyScopes.All)}.");
        if (owner is not null && (string.IsNullOrWhiteSpace(owner) || owner.Trim().Length > MaxNameLength || owner.Any(char.IsControl)))
            problems.Add($"--owner must be 1–{MaxNameLength} printable characters.");
        return problems;
    }
}
