namespace AiProd.Contracts;

/// <summary>
/// Published by the delivery worker once the MP4 and manifest are stored; consumed by the saga.
/// </summary>
public sealed record VideoFinalized(Guid VideoId, int Attempt, string AssetUri, string ManifestUri) : IVideoMessage
{
    /// <summary>The store's HTTPS link to the MP4, when it has one (Cloud Storage); null for a local store.</summary>
    public string? DownloadUrl { get; init; }
}
