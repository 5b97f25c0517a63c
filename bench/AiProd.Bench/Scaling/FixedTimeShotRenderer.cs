using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Render;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Bench.Scaling;

/// <summary>
/// The "local" backend as far as the saga, the financial step and QA can tell, but every shot takes a fixed wall time
/// and its clip is the first frames of a template made once (<see cref="TemplateClips"/>), so rendering costs no CPU.
/// Quote, frame count, measured duration and cost follow <see cref="LocalShotRenderer"/>'s rules.
/// </summary>
public sealed class FixedTimeShotRenderer(
    LocalShotRenderer local,
    TemplateClips clips,
    IOptions<FixedTimeRenderOptions> options,
    IOptions<RenderOptions> render,
    TimeProvider time,
    ILogger<FixedTimeShotRenderer> logger) : IShotRenderer
{
    public string Backend => local.Backend;

    public decimal QuoteUsd(Shot shot) => local.QuoteUsd(shot);

    public async Task<ShotRenderResult> RenderAsync(Guid videoId, Shot shot, string outputFile, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        // The clip is cut while the shot's time runs, so the shot takes the fixed time however long the cut took.
        var wait = Task.Delay(options.Value.ShotTime, time, cancellationToken);
        var spec = shot.Spec;
        var frames = (int)Math.Ceiling(shot.DurationSeconds * spec.FrameRate - 1e-6)
            + Transitions.OverlapFrames(shot.TransitionOut, shot.DurationSeconds, spec.FrameRate);
        var clip = await clips.CutAsync(spec, frames, shot.Order, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
        File.Copy(clip.File, outputFile, overwrite: true);
        await wait;

        var cost = Math.Round(render.Value.LocalPricePerSecondUsd * (decimal)clip.DurationSeconds, 6);
        // The scaling bench reads the render phase from these lines: keep the wording and the Unix-millisecond times.
        logger.LogInformation(
            "Bench rendered shot {ShotId} of {VideoId}: {Frames} frames, {DurationSeconds:F2} s, ${CostUsd}, from {StartedMs} to {FinishedMs} Unix ms",
            shot.ShotId, videoId, frames, clip.DurationSeconds, cost, started.ToUnixTimeMilliseconds(), time.GetUtcNow().ToUnixTimeMilliseconds());
        return new ShotRenderResult(clip.DurationSeconds, cost);
    }
}
