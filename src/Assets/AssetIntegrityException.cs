namespace AiProd.Assets;

/// <summary>
/// The bytes a store kept or handed back do not match their checksums (MD5, SHA-256, size): an upload that was not
/// stored whole, or an object or download that was corrupted. The message says which asset and what differed.
/// </summary>
public sealed class AssetIntegrityException(string assetUri, string detail, Exception? innerException = null)
    : IOException($"Asset {assetUri} failed its integrity check: {detail}", innerException)
{
    /// <summary>The URI of the asset whose bytes did not match.</summary>
    public string AssetUri { get; } = assetUri;
}
