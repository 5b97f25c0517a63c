namespace AiProd.Assets;

/// <summary>How a put stores an asset.</summary>
public sealed record AssetPutOptions
{
    /// <summary>Replace, content type from the name's extension, no extra metadata.</summary>
    public static AssetPutOptions Default { get; } = new();

    /// <summary>Create-only, content type from the name's extension, no extra metadata.</summary>
    public static AssetPutOptions CreateOnly { get; } = new() { Write = AssetWrite.CreateOnly };

    /// <summary>What to do when the name is already taken.</summary>
    public AssetWrite Write { get; init; } = AssetWrite.Replace;

    /// <summary>The MIME type to store; null picks one from the name's extension (<c>.mp4</c> → <c>video/mp4</c>, ...).</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Extra custom metadata (keys of letters, digits, <c>-</c> and <c>_</c>). Cloud Storage keeps it on the object beside
    /// <c>video-id</c>, <c>asset-name</c> and <c>sha256</c>, which the store always sets; the local store keeps neither.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
