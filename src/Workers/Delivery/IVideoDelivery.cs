using AiProd.Contracts;

namespace AiProd.Workers.Delivery;

/// <summary>Stores the final MP4 and its manifest where users fetch them.</summary>
public interface IVideoDelivery
{
    Task<DeliveredVideo> DeliverAsync(FinalizeVideo command, CancellationToken cancellationToken);
}

public sealed record DeliveredVideo(string AssetUri, string ManifestUri);
