using System.Collections.Concurrent;
using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Bench.Scaling;

/// <summary>A clip cut from a template, and its measured length.</summary>
public sealed record TemplateClip(string File, double DurationSeconds);

/// <summary>
/// Cuts the first N frames of a clip template by stream copy (no encode) and probes the cut once; every later shot of
/// the same template and length gets the same file. One cache per process, in its own folder beside the templates.
/// </summary>
public sealed class TemplateClips(MediaTool tool, MediaProbe probe, IOptions<FixedTimeRenderOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TemplateClip>>> _cuts = new(StringComparer.Ordinal);

    /// <summary>The clip for shot number <paramref name="order"/>: neighbouring shots use different templates, so every cut shows.</summary>
    public async Task<TemplateClip> CutAsync(ShotSpec spec, int frames, int order, CancellationToken cancellationToken)
    {
        var template = Path.Combine(options.Value.TemplateFolder, ClipTemplates.FileName(spec.Width, spec.Height, spec.FrameRate, order % ClipTemplates.Variants));
        var key = $"{Path.GetFileNameWithoutExtension(template)}-{frames.ToString(CultureInfo.InvariantCulture)}f";
        var cut = _cuts.GetOrAdd(key, _ => new Lazy<Task<TemplateClip>>(() => CutOnceAsync(template, key, frames, spec.FrameRate)));
        try
        {
            return await cut.Value.WaitAsync(cancellationToken);
        }
        catch (StepException)
        {
            _cuts.TryRemove(KeyValuePair.Create(key, cut));
            throw;
        }
    }

    // Not cancelled by one caller: other shots may be waiting for the same cut.
    private async Task<TemplateClip> CutOnceAsync(string template, string key, int frames, int frameRate)
    {
        if (!File.Exists(template))
            throw new StepException(VideoStages.Render, "no_clip_template", $"The bench made no clip template {Path.GetFileName(template)} for this shot's size and frame rate.", retryable: false);
        var folder = Directory.CreateDirectory(Path.Combine(options.Value.TemplateFolder, $"cuts-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}")).FullName;
        var output = Path.Combine(folder, key + ".mp4");
        var result = await tool.FfmpegAsync(
            ["-v", "error", "-y", "-i", template, "-map", "0:v:0", "-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-c", "copy", output],
            VideoStages.Render, CancellationToken.None);
        if (!result.Succeeded)
            throw new StepException(VideoStages.Render, "render_failed", $"Could not cut {frames} frames from {Path.GetFileName(template)}: {result.ErrorTail()}", retryable: true);
        var duration = await probe.DurationAsync(output, VideoStages.Render, CancellationToken.None);
        if (duration * frameRate < frames - 0.5)
            throw new StepException(VideoStages.Render, "clip_template_too_short", $"{Path.GetFileName(template)} has fewer than the {frames} frames this shot needs.", retryable: false);
        return new TemplateClip(output, duration);
    }
}
