using System.Security.Cryptography;
using System.Text;

namespace AiProd.Providers.Caching;

/// <summary>SHA-256 over parts, each prefixed with its length so ("ab","c") and ("a","bc") differ; lower-case hex.</summary>
public static class ContentHash
{
    public static string Of(params ReadOnlySpan<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
            Append(hash, Encoding.UTF8.GetBytes(part));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Of(IEnumerable<byte[]> blobs, params ReadOnlySpan<string> parts)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var blob in blobs)
            Append(hash, blob);
        foreach (var part in parts)
            Append(hash, Encoding.UTF8.GetBytes(part));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        Span<byte> length = stackalloc byte[8];
        BitConverter.TryWriteBytes(length, (long)bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
