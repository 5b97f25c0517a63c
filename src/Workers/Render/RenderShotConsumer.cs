using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>
/// Render worker: renders one shot on the financial step's chain of backends (<see cref="ShotRenderChain"/>), stores
/// the clip, and reports it with every attempt. Idempotent on (video, shot, attempt): a redelivered command is answered
/// from the stored result without rendering (or paying) again.
/// </summary>
public sealed class RenderShotConsumer(
    ShotRenderChain chain,
    IAssetStore assets,
    ILogger<RenderShotConsumer> logger)
    : VideoStepConsumer<RenderShot>(logger)
{
    protected override async Task Handle(ConsumeContext<RenderShot> context)
    {
        var m = context.Message;
        var key = $"render-{m.Shot.ShotId}-a{m.Attempt}";
        RenderedShot shot;
        try
        {
            shot = await StepRecord.RunOnceAsync(assets, m.VideoId, key, async () =>
            {
                var work = assets.NewWorkFile(m.VideoId, "mp4");
                var clip = await chain.RenderAsync(m, work, context.CancellationToken);
                var uri = await assets.PutFileAsync(m.VideoId, $"shots/{m.Shot.ShotId}-a{m.Attempt}.mp4", work, context.CancellationToken);
                return new RenderedShot(m.Shot.ShotId, uri, clip.DurationSeconds, clip.Backend, clip.CostUsd, m.Attempt) { Attempts = clip.Attempts };
            }, context.CancellationToken);
        }
        catch (RenderChainException ex)
        {
            var f = ex.Failure;
            logger.LogWarning("Shot {ShotId} of video {VideoId} failed on every backend: {Code}", m.Shot.ShotId, m.VideoId, f.Code);
            await context.Publish(new StepFailed(m.VideoId, m.Attempt, f.Stage, f.Code, f.Message, f.Retryable) { FailedRender = ex.Render });
            return;
        }

        await context.Publish(new ShotRendered(m.VideoId, m.Attempt, shot));
    }
}
