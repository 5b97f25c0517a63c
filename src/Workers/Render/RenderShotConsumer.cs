using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Caching;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>
/// Render worker: renders one shot on the financial step's chain of backends (<see cref="ShotRenderChain"/>), stores
/// the clip, and reports it with every attempt. Idempotent on (video, shot, attempt), and safe against a crash at any
/// point: a stored step record answers a redelivery; a clip stored with the bytes its journal recorded is reused (its
/// record written then); a provider job an earlier run started is followed, not submitted again. So a shot is rendered,
/// and paid for, once. A shot identical to one this process rendered before (<see cref="RenderCache"/>) reuses that
/// clip for nothing, unless the command asks for a fresh render. In copy mode the clip's index (<see cref="ClipIndex"/>)
/// is read here, beside the hash, and recorded with it, so compose need not read every clip again; and the transition
/// windows to the neighbours already rendered are encoded (<see cref="TransitionWindows"/>). Scratch files live in
/// the step's work area and go with it (a dead run's on the next run).
/// </summary>
public sealed class RenderShotConsumer(
    ShotRenderChain chain,
    RenderCache cache,
    TransitionWindows windows,
    IAssetStore assets,
    MediaTool tool,
    IOptions<RenderOptions> options,
    ILogger<RenderShotConsumer> logger)
    : VideoStepConsumer<RenderShot>(logger)
{
    protected override async Task Handle(ConsumeContext<RenderShot> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var key = RenderJournal.StepKey(m.Shot.ShotId, m.Attempt);
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
                var (rendered, cachedIndex) = await ReuseAsync(m, clipName, work, ct);
                if (rendered is null)
                {
                    var clip = await chain.RenderAsync(m, work, journal, ct);
                    rendered = new RenderedShot(m.Shot.ShotId, "", clip.DurationSeconds, clip.Backend, clip.CostUsd, m.Attempt) { Attempts = clip.Attempts };
                }

                // What was delivered, its hash and its index, before the clip is stored: a crash after the put reuses the clip.
                var index = await IndexAsync(m.Shot, work, cachedIndex, ct);
                await journal.RecordClipAsync(rendered, work, index, ct);
                rendered = rendered with { AssetUri = await assets.PutFileAsync(m.VideoId, clipName, work, ct) };
                if (rendered.ReusedFrom is null && chain.Renderer(rendered.Backend) is { } renderer)
                {
                    cache.Add(
                        RenderCache.KeyOf(m.Shot, renderer.CacheIdentity),
                        new CachedClip(rendered.AssetUri, rendered.DurationSeconds, rendered.Backend, m.VideoId, clipName) { Index = index });
                }

                return rendered;
            }, ct);
        }
        catch (RenderChainException ex)
        {
            var f = ex.Failure;
            logger.LogWarning("Shot {ShotId} of video {VideoId} failed on every backend: {Code}", m.Shot.ShotId, m.VideoId, f.Code);
            await context.Publish(new StepFailed(m.VideoId, m.Attempt, f.Stage, f.Code, UserText.Scrub(f.Message)!, f.Retryable) { FailedRender = ex.Render });
            return;
        }

        // Before the fan-in hears of the shot, so compose finds the windows to the neighbours rendered before it.
        await windows.EncodeAroundAsync(m.VideoId, m.Attempt, m.Shot, m.Neighbours, ct);
        await context.Publish(new ShotRendered(m.VideoId, m.Attempt, shot));
    }

    /// <summary>
    /// Copy mode only, where compose joins the clips as they are: the index of the clip in <paramref name="work"/> — the
    /// cached clip's own when it describes these bytes, else read here — or null when ffprobe cannot read it (compose
    /// then tries itself).
    /// </summary>
    private async Task<StoredClipIndex?> IndexAsync(Shot shot, string work, StoredClipIndex? cached, CancellationToken ct)
    {
        if (options.Value.Compose != ComposeMode.Copy)
            return null;
        var fps = shot.Spec.FrameRate;
        return cached is not null && await cached.DescribesAsync(work, fps, ct) ? cached : await StoredClipIndex.MakeAsync(tool, work, fps, ct);
    }

    /// <summary>
    /// The clip of an identical shot from the render cache, copied into <paramref name="work"/>, for the backend the
    /// chain would try first, with the index the cache holds for it; null when there is none, the command wants a fresh
    /// render, the clip is gone, or it is this very clip (a redelivery, which its journal answers: a clip it does not
    /// vouch for is rendered again).
    /// </summary>
    private async Task<(RenderedShot? Shot, StoredClipIndex? Index)> ReuseAsync(RenderShot m, string clipName, string work, CancellationToken ct)
    {
        if (m.Fresh || !cache.Enabled || chain.FirstAvailable(m) is not { } renderer)
            return (null, null);
        var cacheKey = RenderCache.KeyOf(m.Shot, renderer.CacheIdentity);
        if (!cache.TryGet(cacheKey, out var cached) || (cached.VideoId == m.VideoId && cached.ClipName == clipName))
            return (null, null);
        try
        {
            await using (var source = await assets.OpenReadAsync(cached.AssetUri, ct))
            await using (var target = File.Create(work))
                await source.CopyToAsync(target, ct);
        }
        catch (Exception ex) when (ex is AssetNotFoundException or AssetIntegrityException or IOException)
        {
            logger.LogWarning("The cached clip for shot {ShotId} of video {VideoId} could not be read ({Reason}); rendering it", m.Shot.ShotId, m.VideoId, ex.GetType().Name);
            cache.Forget(cacheKey);
            return (null, null);
        }

        logger.LogInformation("Shot {ShotId} of video {VideoId} is identical to a shot rendered before; reusing its clip on {Backend} for nothing", m.Shot.ShotId, m.VideoId, cached.Backend);
        var shot = new RenderedShot(m.Shot.ShotId, "", cached.DurationSeconds, cached.Backend, 0m, m.Attempt)
        {
            Attempts = [new RenderAttempt(cached.Backend, RenderAttempt.Succeeded, null, null, 0m, 0)],
            ReusedFrom = cached.AssetUri,
        };
        return (shot, cached.Index);
    }
}
