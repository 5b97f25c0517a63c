using AiProd.Collaboration.Audit;

namespace AiProd.Auth;

/// <summary>
/// Issues, verifies and revokes API keys on the configured <see cref="IApiKeyStore"/>; creating and revoking are
/// recorded in the audit trail when one is configured.
/// </summary>
public sealed class ApiKeys(IApiKeyStore store, TimeProvider time, AuditLog? audit = null)
{
    /// <summary>Who acts when no caller is named: the local user of the process (the CLI).</summary>
    public static string LocalActor => $"cli:{Environment.UserName}";

    /// <summary>Longest name and owner accepted, so a list stays readable.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Raised with the key id after a key is revoked here (<see cref="ApiKeyCache"/> forgets it at once).</summary>
    public event Action<string>? Revoked;

    /// <summary>
    /// A new key and its secret, which is shown once and never stored. <paramref name="owner"/> defaults to the key's
    /// own id; give the same owner to several keys to let them share videos.
    /// </summary>
    public Task<(ApiKey Key, string Secret)> CreateAsync(string name, IReadOnlyCollection<string> scopes, string? owner, CancellationToken cancellationToken = default) =>
        CreateAsync(name, scopes, owner, actor: null, cancellationToken);

    /// <summary>As above, recording <paramref name="actor"/> (default <see cref="LocalActor"/>) in the audit trail.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, IReadOnlyCollection<string> scopes, string? owner, string? actor, CancellationToken cancellationToken)
    {
        var problems = Problems(name, scopes, owner);
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems));
        var id = ApiKeySecrets.NewId();
        var secret = ApiKeySecrets.NewSecret(id);
        var key = new ApiKey(id, name.Trim(), string.IsNullOrWhiteSpace(owner) ? id : owner.Trim(), [.. scopes.Distinct(StringComparer.Ordinal)],
            ApiKeySecrets.Sha256Hex(secret), time.GetUtcNow());
        await store.CreateAsync(key, cancellationToken);
        if (audit is not null)
            await audit.RecordAsync(actor ?? LocalActor, AuditActions.KeyCreated, target: key.Id, detail: $"name {key.Name}, owner {key.Owner}, scopes {string.Join(' ', key.Scopes)}", cancellationToken: cancellationToken);
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

    /// <summary>The store's change stamp (<see cref="IApiKeyStore.ChangeStampAsync"/>), or null when it keeps none.</summary>
    public ValueTask<long?> ChangeStampAsync(CancellationToken cancellationToken = default) => store.ChangeStampAsync(cancellationToken);

    public Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default) => RevokeAsync(id, actor: null, cancellationToken);

    /// <summary>Revokes, recording <paramref name="actor"/> (default <see cref="LocalActor"/>) in the audit trail.</summary>
    public async Task<bool> RevokeAsync(string id, string? actor, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeAsync(id, time.GetUtcNow(), cancellationToken);
        if (revoked)
            Revoked?.Invoke(id);
        if (revoked && audit is not null)
            await audit.RecordAsync(actor ?? LocalActor, AuditActions.KeyRevoked, target: id, cancellationToken: cancellationToken);
        return revoked;
    }

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
