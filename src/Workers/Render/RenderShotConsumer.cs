using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Render;

/// <summary>
/// Render worker: renders one shot on the financial step's chain of backends (<see cref="ShotRenderChain"/>), stores
/// the clip, and reports it with every attempt. Idempotent on (video, shot, attempt), and safe against a crash at any
/// point: a stored step record answers a redelivery; a clip stored with the bytes its journal recorded is reused (its
/// record written then); a provider job an earlier run started is followed, not submitted again. So a shot is rendered,
/// and paid for, once. Scratch files live in the step's work area and go with it (a dead run's on the next run).
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
        var ct = context.CancellationToken;
        var key = $"render-{m.Shot.ShotId}-a{m.Attempt}";
        var clipName = $"shots/{m.Shot.ShotId}-a{m.Attempt}.mp4";
        RenderedShot shot;
        try
        {
            shot = await StepRecord.RunOnceAsync(assets, m.VideoId, key, async () =>
            {
                var journal = new RenderJournal(assets, m.VideoId, key);
                if (await journal.StoredClipAsync(clipName, ct) is { } stored)
                {
                    logger.LogInformation("Shot {ShotId} of video {VideoId} was stored by an earlier run; recording it without rendering again", m.Shot.ShotId, m.VideoId);
                    return stored;
                }

                await using var area = await assets.OpenWorkAreaAsync(m.VideoId, key, ct);
                var work = area.NewFile("mp4");
                var clip = await chain.RenderAsync(m, work, journal, ct);
                var rendered = new RenderedShot(m.Shot.ShotId, "", clip.DurationSeconds, clip.Backend, clip.CostUsd, m.Attempt) { Attempts = clip.Attempts };
                // What was delivered, and its hash, before the clip is stored: a crash after the put reuses the clip.
                await journal.RecordClipAsync(rendered, work, ct);
                return rendered with { AssetUri = await assets.PutFileAsync(m.VideoId, clipName, work, ct) };
            }, ct);
        }
        catch (RenderChainException ex)
        {
            var f = ex.Failure;
            logger.LogWarning("Shot {ShotId} of video {VideoId} failed on every backend: {Code}", m.Shot.ShotId, m.VideoId, f.Code);
            await context.Publish(new StepFailed(m.VideoId, m.Attempt, f.Stage, f.Code, UserText.Scrub(f.Message)!, f.Retryable) { FailedRender = ex.Render });
            return;
        }

        await context.Publish(new ShotRendered(m.VideoId, m.Attempt, shot));
    }
}
