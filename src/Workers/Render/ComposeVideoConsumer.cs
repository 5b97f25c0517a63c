using System.Text;
using System.Text.Json;
using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Formats;
using AiProd.Workers.Render.Narration;
using AiProd.Workers.Render.Soundtracks;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Render;

/// <summary>
/// Render worker: joins the rendered shots into one MP4. Idempotent on (video, attempt); its scratch files live in the
/// step's work area and go with it.
/// </summary>
public sealed class ComposeVideoConsumer(
    IVideoComposer composer, FormatReframer reframer, PreparedSoundtracks soundtracks, IAssetStore assets, ILogger<ComposeVideoConsumer> logger)
    : VideoStepConsumer<ComposeVideo>(logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task Handle(ConsumeContext<ComposeVideo> context)
    {
        var m = context.Message;
        var key = $"compose-a{m.Attempt}";
        var composed = await StepRecord.RunOnceAsync(assets, m.VideoId, key, async () =>
        {
            var byShot = m.Clips.ToDictionary(c => c.ShotId);
            var ordered = m.Shots.OrderBy(s => s.Order).ToList();
            var missing = ordered.Where(s => !byShot.ContainsKey(s.ShotId)).Select(s => s.ShotId).ToList();
            if (missing.Count > 0)
                throw new StepException(VideoStages.Render, "clips_missing", $"No clip for shot(s) {string.Join(", ", missing)}.", retryable: true);

            var files = new List<string>(ordered.Count);
            foreach (var shot in ordered)
                files.Add(await assets.GetLocalFileAsync(byShot[shot.ShotId].AssetUri, context.CancellationToken));
            // Each clip's index as its render step read it; the composer checks it against the clip's bytes.
            var indexes = await Task.WhenAll(ordered.Select(s => StoredIndexAsync(m.VideoId, byShot[s.ShotId], context.CancellationToken)));

            await using var area = await assets.OpenWorkAreaAsync(m.VideoId, key, context.CancellationToken);
            var work = area.NewFile("mp4");
            var extra = DeliveryFormats.Extra(m.Request);
            // Subtitles burned into the master would be cropped with it: with other formats, each format burns its own.
            var burnPerFormat = m.Request.BurnSubtitles && extra.Count > 0;
            var clean = burnPerFormat ? area.NewFile("mp4") : work;
            // Made while the shots rendered (PrepareSoundtrack) when its key matches; otherwise the composer makes it.
            var soundtrack = await soundtracks.FindAsync(m.VideoId, soundtracks.KeyOf(m.Request, ordered), context.CancellationToken);
            var result = await composer.ComposeAsync(
                m.VideoId, burnPerFormat ? m.Request with { BurnSubtitles = false } : m.Request, ordered, files, indexes, clean, soundtrack, context.CancellationToken);
            IReadOnlyList<NarrationCue> burned = burnPerFormat ? result.Narration : [];
            if (burnPerFormat)
                await reframer.ReframeAsync(clean, m.Request, m.Request.AspectRatio, burned, work, context.CancellationToken);
            var name = $"composed-a{m.Attempt}.mp4";
            foreach (var format in extra)
            {
                // Stored before the master: once the master is stored, QA and delivery may look for them.
                var copy = area.NewFile("mp4");
                await reframer.ReframeAsync(clean, m.Request, format, burned, copy, context.CancellationToken);
                await assets.PutFileAsync(m.VideoId, DeliveryFormats.Variant(name, format), copy, context.CancellationToken);
            }

            if (result.Narration.Count > 0)
            {
                // Sidecars first: once the video is stored, QA and delivery may look for them.
                await assets.PutBytesAsync(m.VideoId, NarrationAssets.SidecarName(name, NarrationAssets.CuesExtension),
                    JsonSerializer.SerializeToUtf8Bytes(result.Narration, Json), context.CancellationToken);
                await assets.PutBytesAsync(m.VideoId, NarrationAssets.SidecarName(name, NarrationAssets.SrtExtension),
                    Encoding.UTF8.GetBytes(SubtitleWriter.Srt(result.Narration)), context.CancellationToken);
                await assets.PutBytesAsync(m.VideoId, NarrationAssets.SidecarName(name, NarrationAssets.VttExtension),
                    Encoding.UTF8.GetBytes(SubtitleWriter.WebVtt(result.Narration)), context.CancellationToken);
            }

            var uri = await assets.PutFileAsync(m.VideoId, name, work, context.CancellationToken);
            return new VideoComposed(m.VideoId, m.Attempt, uri, result.DurationSeconds, result.Timeline);
        }, context.CancellationToken);

        await context.Publish(composed);
    }

    /// <summary>The index the clip's render step recorded, or null (none recorded, or a record that cannot be read: then the composer reads the clip).</summary>
    private async Task<StoredClipIndex?> StoredIndexAsync(Guid videoId, RenderedShot clip, CancellationToken cancellationToken)
    {
        try
        {
            return await RenderJournal.ForShot(assets, videoId, clip).StoredIndexAsync(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
