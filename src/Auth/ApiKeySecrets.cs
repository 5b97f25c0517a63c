using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AiProd.Auth;

/// <summary>
/// Making and checking secrets. A secret is <c>{id}.{43 base64url characters}</c>: 256 random bits, so a plain
/// SHA-256 at rest is enough (no password stretching needed), and the id in front finds the key without a scan.
/// </summary>
public static class ApiKeySecrets
{
    public const string IdPrefix = "ak_";
    private const int IdHexLength = 16;

    public static string NewId() => IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdHexLength / 2));

    public static string NewSecret(string id) => $"{id}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

    public static string Sha256Hex(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The key id a secret names, or null when it is not shaped like one of ours.</summary>
    public static string? IdOf(string secret)
    {
        var dot = secret.IndexOf('.', StringComparison.Ordinal);
        if (dot != IdPrefix.Length + IdHexLength || !secret.StartsWith(IdPrefix, StringComparison.Ordinal))
            return null;
        var id = secret[..dot];
        return id.AsSpan(IdPrefix.Length).ContainsAnyExcept("0123456789abcdef") ? null : id;
    }

    /// <summary>Compares the secret's hash with a stored one in constant time.</summary>
    public static bool Matches(string secret, string storedSha256Hex)
    {
        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), actual);
        Span<byte> expected = stackalloc byte[32];
        if (storedSha256Hex.Length != 64 || Convert.FromHexString(storedSha256Hex, expected, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return false;
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
