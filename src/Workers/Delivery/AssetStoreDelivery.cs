using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Common;

namespace AiProd.Workers.Delivery;

/// <summary>
/// Delivers into the asset store as <c>video.mp4</c> and <c>manifest.json</c> beside it, with <c>video.srt</c> and
/// <c>video.vtt</c> when the video is narrated. Re-running it rewrites
/// the same files, so a redelivered command is harmless. Each other requested format is delivered beside it as
/// <c>video.9x16.mp4</c>, <c>video.1x1.mp4</c> (from the composer's reframed copies). The manifest's texts carry no server path.
/// </summary>
public sealed class AssetStoreDelivery(IAssetStore assets) : IVideoDelivery
{
    public const string VideoName = "video.mp4";
    public const string ManifestName = "manifest.json";

    private static readonly HashSet<string> FailureTexts = new(StringComparer.Ordinal) { "message", "outcome", "detail" };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<DeliveredVideo> DeliverAsync(FinalizeVideo command, CancellationToken cancellationToken)
    {
        var source = await assets.GetLocalFileAsync(command.AssetUri, cancellationToken);
        await using var area = await assets.OpenWorkAreaAsync(command.VideoId, $"finalize-a{command.Attempt}", cancellationToken);
        var copy = area.NewFile("mp4");
        File.Copy(source, copy, overwrite: true);
        var formats = new List<DeliveredFormat> { new(command.Manifest.Request.AspectRatio, VideoName, DeliveryFormats.Master) };
        foreach (var format in DeliveryFormats.Extra(command.Manifest.Request))
        {
            var variant = area.NewFile("mp4");
            File.Copy(await assets.GetLocalFileAsync(DeliveryFormats.Variant(command.AssetUri, format), cancellationToken), variant, overwrite: true);
            var name = DeliveryFormats.Variant(VideoName, format);
            await assets.PutFileAsync(command.VideoId, name, variant, cancellationToken);
            formats.Add(new(format, name, DeliveryFormats.ReframeFor(command.Manifest.Request.AspectRatio, format)));
        }

        // The master last: once it is stored, the video counts as delivered.
        var video = await assets.PutFileAsync(command.VideoId, VideoName, copy, cancellationToken);
        var subtitles = new List<string>();
        foreach (var extension in new[] { NarrationAssets.SrtExtension, NarrationAssets.VttExtension })
        {
            var bytes = await ReadIfStoredAsync(NarrationAssets.Sidecar(command.AssetUri, extension), cancellationToken);
            if (bytes is null)
                continue;
            var name = NarrationAssets.SidecarName(VideoName, extension);
            await assets.PutBytesAsync(command.VideoId, name, bytes, cancellationToken);
            subtitles.Add(name);
        }

        var cues = await ReadIfStoredAsync(NarrationAssets.Sidecar(command.AssetUri, NarrationAssets.CuesExtension), cancellationToken);
        var manifestContent = command.Manifest with
        {
            Subtitles = subtitles,
            Formats = formats,
            Narration = cues is null ? [] : JsonSerializer.Deserialize<List<NarrationCue>>(cues, Json) ?? [],
        };
        var manifest = await assets.PutBytesAsync(command.VideoId, ManifestName, ManifestBytes(manifestContent), cancellationToken);
        return new DeliveredVideo(video, manifest, assets.HttpsUrl(video));
    }

    private async Task<byte[]?> ReadIfStoredAsync(string uri, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await assets.OpenReadAsync(uri, cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        catch (AssetNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The manifest as users download it: the texts that come from failures (attempt and error messages, stage outcomes)
    /// without server paths; what the user wrote (the prompt) and the plan are left as they are.
    /// </summary>
    internal static byte[] ManifestBytes(VideoManifest manifest)
    {
        var tree = JsonSerializer.SerializeToNode(manifest, Json)!;
        Scrub(tree);
        return System.Text.Encoding.UTF8.GetBytes(tree.ToJsonString(Json));
    }

    private static void Scrub(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && FailureTexts.Contains(name))
                        o[name] = UserText.Scrub(v.GetValue<string>());
                    else if (value is not null)
                        Scrub(value);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                        Scrub(item);
                }

                break;
        }
    }
}
