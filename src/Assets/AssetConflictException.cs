namespace AiProd.Assets;

/// <summary>A create-only put found other bytes already stored under its name; retrying does not help.</summary>
public sealed class AssetConflictException(string assetUri)
    : IOException($"Asset {assetUri} already exists with other content; it was written create-only, so it is not overwritten.")
{
    /// <summary>The URI of the asset that is already there.</summary>
    public string AssetUri { get; } = assetUri;
}
