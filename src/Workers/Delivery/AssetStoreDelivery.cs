using System.Text.Json;
using System.Text.Json.Serialization;
using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Common;

namespace AiProd.Workers.Delivery;

/// <summary>
/// Delivers into the asset store as <c>video.mp4</c> and <c>manifest.json</c> beside it. Re-running it rewrites
/// the same two files, so a redelivered command is harmless.
/// </summary>
public sealed class AssetStoreDelivery(IAssetStore assets) : IVideoDelivery
{
    public const string VideoName = "video.mp4";
    public const string ManifestName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<DeliveredVideo> DeliverAsync(FinalizeVideo command, CancellationToken cancellationToken)
    {
        var source = await assets.GetLocalFileAsync(command.AssetUri, cancellationToken);
        var copy = assets.NewWorkFile(command.VideoId, "mp4");
        File.Copy(source, copy, overwrite: true);
        var video = await assets.PutFileAsync(command.VideoId, VideoName, copy, cancellationToken);
        var manifest = await assets.PutBytesAsync(command.VideoId, ManifestName, JsonSerializer.SerializeToUtf8Bytes(command.Manifest, Json), cancellationToken);
        return new DeliveredVideo(video, manifest, assets.HttpsUrl(video));
    }
}
