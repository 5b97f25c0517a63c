using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Rendering;

/// <summary>
/// Render worker: renders one shot on the first backend of the financial step's chain that this process has,
/// stores the clip, and reports it. Idempotent on (video, shot, attempt): a redelivered command is answered
/// from the stored result without rendering (or paying) again.
/// </summary>
public sealed class RenderShotConsumer(
    IEnumerable<IShotRenderer> renderers,
    IAssetStore assets,
    ILogger<RenderShotConsumer> logger)
    : VideoStepConsumer<RenderShot>(logger)
{
    protected override async Task Handle(ConsumeContext<RenderShot> context)
    {
        var m = context.Message;
        var chain = new[] { m.Backend }.Concat(m.FallbackChain).Distinct().ToList();
        var renderer = chain.Select(b => renderers.FirstOrDefault(r => r.Backend == b)).FirstOrDefault(r => r is not null)
            ?? throw new StepException(VideoStages.Render, "backend_unavailable",
                $"None of the chosen backends ({string.Join(", ", chain)}) is available in this deployment; available: {string.Join(", ", renderers.Select(r => r.Backend))}.",
                retryable: true);

        var key = $"render-{m.Shot.ShotId}-a{m.Attempt}";
        var shot = await StepRecord.RunOnceAsync(assets, m.VideoId, key, async () =>
        {
            var work = assets.NewWorkFile(m.VideoId, "mp4");
            logger.LogInformation("Rendering shot {ShotId} of video {VideoId} on {Backend}", m.Shot.ShotId, m.VideoId, renderer.Backend);
            var result = await renderer.RenderAsync(m.VideoId, m.Shot, work, context.CancellationToken);
            var uri = await assets.PutFileAsync(m.VideoId, $"shots/{m.Shot.ShotId}-a{m.Attempt}.mp4", work, context.CancellationToken);
            return new RenderedShot(m.Shot.ShotId, uri, result.DurationSeconds, renderer.Backend, result.CostUsd, m.Attempt);
        }, context.CancellationToken);

        await context.Publish(new ShotRendered(m.VideoId, m.Attempt, shot));
    }
}

public sealed class RenderShotConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<RenderShotConsumer>(options, o => o.RenderConcurrency);
