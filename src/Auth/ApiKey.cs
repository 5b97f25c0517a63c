namespace AiProd.Auth;

/// <summary>
/// One API key as stored: never the secret, only its SHA-256. <see cref="Id"/> is public (it is the first part of the
/// secret and names the key in lists and logs).
/// </summary>
/// <param name="Id">Public id, <c>ak_</c> and 16 hex digits.</param>
/// <param name="Name">What the key is for, as its creator named it.</param>
/// <param name="Owner">Whose videos it submits and sees: its own id unless a shared owner name was given.</param>
/// <param name="Scopes">What it may do (<see cref="ApiKeyScopes"/>).</param>
/// <param name="SecretSha256">Lower-case hex SHA-256 of the UTF-8 secret.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked; a revoked key authenticates nothing.</param>
public sealed record ApiKey(
    string Id,
    string Name,
    string Owner,
    IReadOnlyList<string> Scopes,
    string SecretSha256,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt = null)
{
    public bool IsRevoked => RevokedAt is not null;
}
