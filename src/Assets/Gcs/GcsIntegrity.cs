using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace AiProd.Assets;

/// <summary>Whether some bytes are the object's: same size, same MD5 as Cloud Storage reports, same SHA-256 as the store recorded.</summary>
internal static class GcsIntegrity
{
    public static bool Matches(ContentHash hash, StorageObject stored) =>
        stored.Size is { } size && (long)size == hash.Length
        && (stored.Md5Hash is null || stored.Md5Hash == hash.Md5Base64)
        && (Sha256Of(stored) is not { } sha256 || sha256 == hash.Sha256Hex);

    /// <summary>What differed, e.g. "read 10 bytes (MD5 …, SHA-256 …) where the object (generation 7) has 12 bytes (…)".</summary>
    public static string Describe(string what, ContentHash hash, StorageObject stored) =>
        $"{what} {hash.Length} bytes (MD5 {hash.Md5Base64}, SHA-256 {Short(hash.Sha256Hex)}) where the object (generation {stored.Generation}) "
        + $"has {stored.Size} bytes (MD5 {stored.Md5Hash ?? "none"}, recorded SHA-256 {Short(Sha256Of(stored))})";

    private static string Short(string? hex) => hex is null ? "none" : hex.Length <= 16 ? hex : hex[..16] + "…";

    private static string? Sha256Of(StorageObject stored) =>
        stored.Metadata is { } metadata && metadata.TryGetValue(AssetNames.Sha256Key, out var value) ? value : null;
}
