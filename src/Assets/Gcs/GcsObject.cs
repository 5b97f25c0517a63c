namespace AiProd.Assets;

/// <summary>A Cloud Storage object and its URI form, <c>gs://{bucket}/{name}</c> (the object name as is, not percent-encoded).</summary>
internal readonly record struct GcsObject(string Bucket, string Name)
{
    public const string Scheme = "gs";

    public override string ToString() => $"{Scheme}://{Bucket}/{Name}";

    public static bool TryParse(string? assetUri, out GcsObject target)
    {
        target = default;
        const string start = Scheme + "://";
        if (assetUri is null || !assetUri.StartsWith(start, StringComparison.OrdinalIgnoreCase))
            return false;
        var rest = assetUri[start.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == rest.Length - 1)
            return false;
        target = new GcsObject(rest[..slash], rest[(slash + 1)..]);
        return true;
    }

    /// <summary>The object's https link: the JSON API's public host, each name segment percent-encoded.</summary>
    public string HttpsUrl() =>
        $"https://storage.googleapis.com/{Bucket}/{string.Join('/', Name.Split('/').Select(Uri.EscapeDataString))}";
}
