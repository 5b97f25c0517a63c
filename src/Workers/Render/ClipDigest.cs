using System.Security.Cryptography;

namespace AiProd.Workers.Render;

/// <summary>The SHA-256 and size of a clip file: how the render journal and a stored clip index know the bytes they describe.</summary>
internal static class ClipDigest
{
    public static async Task<(string Sha256, long Size)> OfAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
        return (Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken)), stream.Length);
    }
}
