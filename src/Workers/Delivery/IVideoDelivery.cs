using AiProd.Contracts;

namespace AiProd.Workers.Delivery;

/// <summary>Stores the final MP4 and its manifest where users fetch them.</summary>
public interface IVideoDelivery
{
    Task<DeliveredVideo> DeliverAsync(FinalizeVideo command, CancellationToken cancellationToken);
}

/// <summary>Where the delivered MP4 and manifest are stored, and the store's HTTPS link to the MP4 when it has one.</summary>
public sealed record DeliveredVideo(string AssetUri, string ManifestUri, string? DownloadUrl = null);
