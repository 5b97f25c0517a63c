namespace AiProd.Assets;

/// <summary>
/// The local store's portable URI, <c>local:{videoId:N}/{name}</c>: a path relative to <c>Assets:Root</c>, so it
/// names no server folder and still resolves after the data folder moves.
/// </summary>
internal static class LocalAssetUri
{
    public const string Scheme = "local";

    public static string Format(Guid videoId, string name) => $"{Scheme}:{videoId:N}/{name}";

    public static bool TryParse(string assetUri, out Guid videoId, out string name)
    {
        videoId = Guid.Empty;
        name = string.Empty;
        if (!assetUri.StartsWith(Scheme + ":", StringComparison.OrdinalIgnoreCase))
            return false;
        var rest = assetUri[(Scheme.Length + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !Guid.TryParseExact(rest[..slash], "N", out videoId) || !AssetNames.IsValid(rest[(slash + 1)..]))
            return false;
        name = rest[(slash + 1)..];
        return true;
    }
}
