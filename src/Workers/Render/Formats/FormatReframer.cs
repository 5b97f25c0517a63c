using System.Diagnostics;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Formats;

/// <summary>
/// Makes another aspect ratio of a composed video from its master, without planning or rendering anything again: a
/// centred crop, or the whole master over a blurred fill (<see cref="DeliveryFormats.ReframeFor"/> picks), then this
/// format's own burned-in subtitles when the request asks for them. The audio track is copied; the frames stay on the
/// master's grid, so every format lasts exactly as long.
/// </summary>
public sealed class FormatReframer(MediaTool tool, IOptions<RenderOptions> options, ILogger<FormatReframer> logger)
{
    /// <summary>Writes <paramref name="aspectRatio"/> of <paramref name="master"/> to <paramref name="outputFile"/>; returns the method used.</summary>
    public async Task<string> ReframeAsync(
        string master, VideoRequest request, string aspectRatio, IReadOnlyList<NarrationCue> burnedCues, string outputFile, CancellationToken cancellationToken)
    {
        var masterSize = FrameSize.For(request.AspectRatio, request.Resolution);
        var target = FrameSize.For(aspectRatio, request.Resolution);
        var method = DeliveryFormats.ReframeFor(request.AspectRatio, aspectRatio);
        var settings = options.Value;
        var scriptFile = outputFile + ".reframe.txt";
        var textFiles = new List<string>();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var subtitles = new List<ReframeGraph.Subtitle>();
            foreach (var cue in burnedCues)
            {
                var textFile = $"{outputFile}.sub{textFiles.Count}.txt";
                textFiles.Add(textFile);
                await File.WriteAllTextAsync(textFile, ShotGraph.WrapCaption(cue.Text, target.Width, target.Height), cancellationToken);
                subtitles.Add(new(textFile, cue.StartSeconds, cue.EndSeconds));
            }

            await File.WriteAllTextAsync(scriptFile, ReframeGraph.Build(method, masterSize, target, subtitles, settings.FontFile), cancellationToken);
            var result = await tool.FfmpegAsync(
                [
                    "-y", "-v", "error", "-i", master, "-filter_complex_script", scriptFile, "-map", "[vout]", "-map", "0:a?",
                    "-c:v", "libx264", "-preset", settings.DeliveryPreset, "-crf", settings.DeliveryCrf.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "-profile:v", "high", "-pix_fmt", "yuv420p",
                    "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                    "-c:a", "copy", "-map_metadata", "0", "-metadata:s:v:0", "encoder=AiProd", "-movflags", "+faststart", outputFile,
                ],
                VideoStages.Render,
                cancellationToken);
            if (!result.Succeeded)
                throw new StepException(VideoStages.Render, "reframe_failed", $"The {aspectRatio} format could not be made from the video: {result.ErrorTail(2)}", retryable: true);
        }
        finally
        {
            ScratchFile.TryDelete(scriptFile);
            foreach (var file in textFiles)
                ScratchFile.TryDelete(file);
        }

        logger.LogInformation("Reframed {AspectRatio} ({Width}x{Height}, {Method}) in {ElapsedMs} ms",
            aspectRatio, target.Width, target.Height, method, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return method;
    }
}
