using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Providers.Http;
using AiProd.Workers.Render;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Hosted;

/// <summary>
/// Turns a provider's clip into one the composer can use, exactly like a locally rendered shot: checked with ffprobe
/// (a provider's output is untrusted), cut to the shot's length plus its transition overlap in whole frames, scaled and
/// cropped to the spec's size, at the spec's frame rate, silent, then measured again.
/// </summary>
public sealed class ClipFitter(MediaTool tool, MediaProbe probe, IOptions<RenderOptions> options)
{
    /// <summary>A clip this much shorter than needed is padded with its last frame; anything shorter fails.</summary>
    public const double ShortfallToleranceSeconds = 0.25;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Fits <paramref name="rawFile"/> to <paramref name="shot"/> into <paramref name="outputFile"/> and returns its measured length.</summary>
    public async Task<double> FitAsync(string provider, string rawFile, Shot shot, string outputFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shot);
        var (info, error) = await probe.ProbeAsync(rawFile, countFrames: false, VideoStages.Render, cancellationToken);
        if (info?.Video is not { Width: > 0, Height: > 0 } video)
            throw new ProviderException(provider, "output_corrupt", $"the output is not a readable video: {error ?? "no video stream"}", retryable: true);
        var length = video.DurationSeconds ?? info.DurationSeconds ?? 0;
        var needed = ShotFormat.NeededSeconds(shot);
        if (length + ShortfallToleranceSeconds < needed)
            throw new ProviderException(provider, "output_too_short",
                string.Create(Inv, $"the output lasts {length:F2} s, the shot needs {needed:F2} s"), retryable: true);

        var spec = shot.Spec;
        var frames = (int)Math.Ceiling(shot.DurationSeconds * spec.FrameRate - 1e-6)
            + Transitions.OverlapFrames(shot.TransitionOut, shot.DurationSeconds, spec.FrameRate);
        var settings = options.Value;
        var filter = string.Create(Inv,
            $"scale={spec.Width}:{spec.Height}:force_original_aspect_ratio=increase,crop={spec.Width}:{spec.Height},setsar=1,fps={spec.FrameRate},"
            + $"tpad=stop_mode=clone:stop_duration={ShortfallToleranceSeconds + 0.1},format=yuv420p");
        var result = await tool.FfmpegAsync(
            ["-y", "-v", "error", "-i", rawFile, "-map", "0:v:0", "-vf", filter, "-frames:v", frames.ToString(Inv),
             "-c:v", "libx264", "-preset", settings.ClipPreset, "-crf", settings.ClipCrf.ToString(Inv),
             "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv", "-an", outputFile],
            VideoStages.Render, cancellationToken);
        if (!result.Succeeded)
            throw new ProviderException(provider, "output_corrupt", $"the output could not be decoded: {result.ErrorTail(2)}", retryable: true);

        // A truncated file can announce a length it cannot deliver; the re-encoded clip shows what was really there.
        var fitted = await probe.DurationAsync(outputFile, VideoStages.Render, cancellationToken);
        var expected = (double)frames / spec.FrameRate;
        if (Math.Abs(fitted - expected) > 1.5 / spec.FrameRate + 0.01)
            throw new ProviderException(provider, "output_corrupt",
                string.Create(Inv, $"the output decoded to {fitted:F2} s instead of {expected:F2} s"), retryable: true);
        return fitted;
    }
}
