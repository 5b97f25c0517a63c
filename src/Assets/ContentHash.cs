using System.Buffers;
using System.Security.Cryptography;

namespace AiProd.Assets;

/// <summary>
/// MD5 (what Cloud Storage reports as <c>md5Hash</c>), SHA-256 (what the stores keep as <c>sha256</c> metadata) and
/// length of some bytes, computed in one pass.
/// </summary>
internal sealed record ContentHash(long Length, string Md5Base64, string Sha256Hex)
{
    public static ContentHash Of(ReadOnlySpan<byte> content) =>
        new(content.Length, Convert.ToBase64String(MD5.HashData(content)), Convert.ToHexStringLower(SHA256.HashData(content)));

    public static async Task<ContentHash> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
        return await OfStreamAsync(stream, cancellationToken);
    }

    public static async Task<ContentHash> OfStreamAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                length += read;
            }

            return new ContentHash(length, Convert.ToBase64String(md5.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
