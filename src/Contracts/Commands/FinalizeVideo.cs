namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga on entering Finalize; consumed by the delivery worker, which stores the MP4 and its manifest.
/// </summary>
public sealed record FinalizeVideo(Guid VideoId, int Attempt, string AssetUri, VideoManifest Manifest) : IVideoMessage;
