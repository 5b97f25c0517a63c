namespace AiProd.Assets;

/// <summary>Nothing is stored at an asset URI. A <see cref="FileNotFoundException"/>, so callers that caught that keep working.</summary>
public sealed class AssetNotFoundException(string assetUri)
    : FileNotFoundException($"Asset {assetUri} does not exist.")
{
    /// <summary>The URI that was asked for (portable: never a server path).</summary>
    public string AssetUri { get; } = assetUri;
}
