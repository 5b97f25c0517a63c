using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>Render worker: joins the rendered shots into one MP4. Idempotent on (video, attempt).</summary>
public sealed class ComposeVideoConsumer(IVideoComposer composer, IAssetStore assets, ILogger<ComposeVideoConsumer> logger)
    : VideoStepConsumer<ComposeVideo>(logger)
{
    protected override async Task Handle(ConsumeContext<ComposeVideo> context)
    {
        var m = context.Message;
        var composed = await StepRecord.RunOnceAsync(assets, m.VideoId, $"compose-a{m.Attempt}", async () =>
        {
            var byShot = m.Clips.ToDictionary(c => c.ShotId);
            var ordered = m.Shots.OrderBy(s => s.Order).ToList();
            var missing = ordered.Where(s => !byShot.ContainsKey(s.ShotId)).Select(s => s.ShotId).ToList();
            if (missing.Count > 0)
                throw new StepException(VideoStages.Render, "clips_missing", $"No clip for shot(s) {string.Join(", ", missing)}.", retryable: true);

            var files = new List<string>(ordered.Count);
            foreach (var shot in ordered)
                files.Add(await assets.GetLocalFileAsync(byShot[shot.ShotId].AssetUri, context.CancellationToken));

            var work = assets.NewWorkFile(m.VideoId, "mp4");
            var result = await composer.ComposeAsync(m.VideoId, m.Request, ordered, files, work, context.CancellationToken);
            var uri = await assets.PutFileAsync(m.VideoId, $"composed-a{m.Attempt}.mp4", work, context.CancellationToken);
            return new VideoComposed(m.VideoId, m.Attempt, uri, result.DurationSeconds, result.Timeline);
        }, context.CancellationToken);

        await context.Publish(composed);
    }
}
