using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Render;

/// <summary>
/// Render worker: joins the rendered shots into one MP4. Idempotent on (video, attempt); its scratch files live in the
/// step's work area and go with it.
/// </summary>
public sealed class ComposeVideoConsumer(IVideoComposer composer, IAssetStore assets, ILogger<ComposeVideoConsumer> logger)
    : VideoStepConsumer<ComposeVideo>(logger)
{
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

            await using var area = await assets.OpenWorkAreaAsync(m.VideoId, key, context.CancellationToken);
            var work = area.NewFile("mp4");
            var result = await composer.ComposeAsync(m.VideoId, m.Request, ordered, files, work, context.CancellationToken);
            var uri = await assets.PutFileAsync(m.VideoId, $"composed-a{m.Attempt}.mp4", work, context.CancellationToken);
            return new VideoComposed(m.VideoId, m.Attempt, uri, result.DurationSeconds, result.Timeline);
        }, context.CancellationToken);

        await context.Publish(composed);
    }
}
