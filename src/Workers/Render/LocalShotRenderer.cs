using System.Diagnostics;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;
using FFMpegCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>
/// The "local" backend: draws a shot procedurally with ffmpeg's lavfi sources. Always available, nearly free, and
/// the last entry of every fallback chain. The clip runs for the shot's visible length plus the overlap its
/// outgoing transition needs (see <see cref="Transitions"/>).
/// </summary>
public sealed class LocalShotRenderer(
    FfmpegEncoder encoder,
    IOptions<RenderOptions> options,
    ILogger<LocalShotRenderer> logger) : IShotRenderer
{
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    public string Backend => "local";

    public string CacheIdentity => options.Value.Compose == ComposeMode.Copy
        ? string.Create(Inv,
            $"local/{options.Value.CanvasShortSide}/copy/{options.Value.DeliveryPreset}/{options.Value.DeliveryCrf}/{Path.GetFileName(options.Value.FontFile)}")
        : string.Create(Inv,
            $"local/{options.Value.CanvasShortSide}/{options.Value.ClipPreset}/{options.Value.ClipCrf}/{Path.GetFileName(options.Value.FontFile)}");

    public decimal QuoteUsd(Shot shot) =>
        Math.Round(options.Value.LocalPricePerSecondUsd
            * (decimal)(shot.DurationSeconds + Transitions.OverlapSeconds(shot.TransitionOut, shot.DurationSeconds)), 6, MidpointRounding.AwayFromZero);

    public async Task<ShotRenderResult> RenderAsync(Guid videoId, Shot shot, string outputFile, CancellationToken cancellationToken)
    {
        var spec = shot.Spec;
        if (spec.Width < 16 || spec.Height < 16 || spec.Width % 2 != 0 || spec.Height % 2 != 0 || spec.FrameRate is < 1 or > 120 || shot.DurationSeconds <= 0)
            throw new StepException(
                VideoStages.Render, "invalid_shot_spec",
                $"Shot {shot.ShotId} cannot be rendered: it needs an even size of at least 16×16, a frame rate of 1–120 and a positive duration "
                + $"(got {spec.Width}×{spec.Height} at {spec.FrameRate} fps for {shot.DurationSeconds} s).",
                retryable: false);

        var settings = options.Value;
        // Whole frames: ceil so the composer, which cuts on frame boundaries, never runs short.
        var frames = (int)Math.Ceiling(shot.DurationSeconds * spec.FrameRate - 1e-6)
            + Transitions.OverlapFrames(shot.TransitionOut, shot.DurationSeconds, spec.FrameRate);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
        var caption = ShotGraph.WrapCaption(spec.Caption ?? "", spec.Width, spec.Height);
        var captionFile = caption.Length > 0 ? outputFile + ".caption.txt" : null;
        var scriptFile = outputFile + ".graph.txt";
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (captionFile is not null)
                await File.WriteAllTextAsync(captionFile, caption, cancellationToken);
            await File.WriteAllTextAsync(
                scriptFile, ShotGraph.Build(shot, frames, settings.CanvasShortSide, settings.FontFile, captionFile), cancellationToken);

            await encoder.EncodeAsync(
                FFMpegArguments.FromFileInput(ShotGraph.Source(spec, settings.CanvasShortSide), verifyExists: false, o => o.ForceFormat("lavfi")),
                outputFile,
                o =>
                {
                    o.WithCustomArgument($"-filter_complex_script {FfmpegEncoder.Quote(scriptFile)} -map [v]")
                        .WithFrameCount(frames)
                        .WithFrameRate(spec.FrameRate)
                        .WithVideoCodec("libx264");
                    Codec(o, shot, frames, settings);
                    o.WithCustomArgument("-pix_fmt yuv420p")
                        .WithCustomArgument("-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -an");
                },
                VideoStages.Render,
                "render_failed",
                $"rendered shot {shot.ShotId}",
                cancellationToken);
        }
        finally
        {
            ScratchFile.TryDelete(captionFile);
            ScratchFile.TryDelete(scriptFile);
        }

        // ffmpeg wrote exactly this many frames at this rate (a failed run threw above): no ffprobe needed to know the length.
        var duration = (double)frames / spec.FrameRate;
        var cost = Math.Round(settings.LocalPricePerSecondUsd * (decimal)duration, 6);
        logger.LogInformation(
            "Rendered shot {ShotId} of {VideoId} locally: {Frames} frames, {DurationSeconds:F2} s in {ElapsedMs} ms, ${CostUsd}",
            shot.ShotId, videoId, frames, duration, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, cost);
        return new ShotRenderResult(duration, cost);
    }

    /// <summary>
    /// Copy mode: the delivery encoder, key frames where the composer cuts, and the tag that lets it copy the clip.
    /// Re-encode mode: a fast near-lossless intermediate the composer encodes again.
    /// </summary>
    private static void Codec(FFMpegOutputOptions o, Shot shot, int frames, RenderOptions settings)
    {
        if (settings.Compose != ComposeMode.Copy)
        {
            o.WithCustomArgument($"-preset {settings.ClipPreset}").WithConstantRateFactor(settings.ClipCrf);
            return;
        }

        var keys = DeliveryClip.KeyFrames(shot, frames);
        o.WithCustomArgument($"-preset {settings.DeliveryPreset}")
            .WithConstantRateFactor(settings.DeliveryCrf)
            .WithCustomArgument("-profile:v high -forced-idr 1");
        if (keys.Count > 0)
            o.WithCustomArgument($"-force_key_frames {DeliveryClip.ForceKeyFramesArgument(keys, shot.Spec.FrameRate)}");
        var tag = DeliveryClip.Tag(settings, shot.Spec.Width, shot.Spec.Height, shot.Spec.FrameRate);
        o.WithCustomArgument($"-metadata {FfmpegEncoder.Quote($"comment={tag}")}");
    }
}
