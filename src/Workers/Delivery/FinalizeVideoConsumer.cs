using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Delivery;

/// <summary>Delivery worker: the Finalize stage.</summary>
public sealed class FinalizeVideoConsumer(IVideoDelivery delivery, ILogger<FinalizeVideoConsumer> logger)
    : VideoStepConsumer<FinalizeVideo>(logger)
{
    protected override async Task Handle(ConsumeContext<FinalizeVideo> context)
    {
        var m = context.Message;
        var delivered = await delivery.DeliverAsync(m, context.CancellationToken);
        logger.LogInformation("Video {VideoId} delivered to {AssetUri}", m.VideoId, delivered.AssetUri);
        await context.Publish(new VideoFinalized(m.VideoId, m.Attempt, delivered.AssetUri, delivered.ManifestUri) { DownloadUrl = delivered.DownloadUrl });
    }
}
