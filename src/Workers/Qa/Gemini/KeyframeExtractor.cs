using System.Globalization;
using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Providers.Gemini;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa.Gemini;

/// <summary>One extracted keyframe: where it was taken, which planned shot it shows, and its JPEG bytes.</summary>
public sealed record Keyframe(double AtSeconds, string? ShotId, byte[] Jpeg);

/// <summary>
/// Pulls small JPEG keyframes out of a composed video with one ffmpeg run (one fast input seek per frame), for a
/// vision model to judge. Sending a handful of stills is cheaper and more repeatable than sending the clip.
/// </summary>
public sealed class KeyframeExtractor(MediaTool tool, MediaProbe probe, IOptions<GeminiOptions> options, IAssetStore? assets = null)
{
    /// <summary>
    /// The keyframes of <paramref name="file"/> for <paramref name="command"/>'s plan, extracted in the step's work area
    /// (deleted when done, or by the step's next run after a crash); in a temporary folder when there is no asset store.
    /// </summary>
    public async Task<IReadOnlyList<Keyframe>> ExtractAsync(string file, RunSemanticQa command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var o = options.Value;
        var duration = await probe.DurationAsync(file, VideoStages.QaSemantic, cancellationToken);
        var times = Plan(command.Timeline, duration, o.KeyframeCount);
        await using var area = assets is null ? null : await assets.OpenWorkAreaAsync(command.VideoId, $"semantic-qa-a{command.Attempt}", cancellationToken);
        var folder = area?.NewFolder("keyframes") ?? Directory.CreateTempSubdirectory("aiprod-keyframes-").FullName;
        try
        {
            List<string> args = ["-v", "error", "-y"];
            foreach (var (at, _) in times)
                args.AddRange(["-ss", at.ToString("0.###", CultureInfo.InvariantCulture), "-i", file]);
            for (var i = 0; i < times.Count; i++)
                args.AddRange(["-map", $"{i}:v:0", "-frames:v", "1", "-vf", $"scale={o.KeyframeWidth}:-2", "-q:v", "5", Path.Combine(folder, $"{i}.jpg")]);

            var result = await tool.FfmpegAsync(args, VideoStages.QaSemantic, cancellationToken);
            var frames = new List<Keyframe>();
            for (var i = 0; i < times.Count; i++)
            {
                var path = Path.Combine(folder, $"{i}.jpg");
                if (!result.Succeeded || !File.Exists(path) || new FileInfo(path).Length == 0)
                    throw new StepException(VideoStages.QaSemantic, "keyframes_failed",
                        $"Could not extract keyframe {i + 1} at {times[i].At:0.##} s from {Path.GetFileName(file)}: {result.ErrorTail(2)}", retryable: true);
                frames.Add(new Keyframe(times[i].At, times[i].ShotId, await File.ReadAllBytesAsync(path, cancellationToken)));
            }

            return frames;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; failing QA because of it is not.
            }
        }
    }

    /// <summary>
    /// Where to take <paramref name="count"/> frames: at shot midpoints when the plan has at least that many shots
    /// (spread evenly over them), otherwise evenly over the video so short plans are still sampled throughout.
    /// </summary>
    public static IReadOnlyList<(double At, string? ShotId)> Plan(IReadOnlyList<ShotTiming> timeline, double durationSeconds, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var ordered = timeline.OrderBy(t => t.StartSeconds).ToList();
        var last = Math.Max(0, durationSeconds - 0.05);
        if (ordered.Count >= count)
        {
            return Enumerable.Range(0, count)
                .Select(i => ordered[(int)Math.Round(i * (ordered.Count - 1) / (double)Math.Max(1, count - 1))])
                .Select(t => (Math.Round(Math.Min(t.StartSeconds + t.DurationSeconds / 2, last), 3), (string?)t.ShotId))
                .ToList();
        }

        return Enumerable.Range(0, count)
            .Select(i => Math.Round(Math.Min((i + 0.5) * durationSeconds / count, last), 3))
            .Select(at => (at, ordered.LastOrDefault(t => t.StartSeconds <= at)?.ShotId))
            .ToList();
    }
}
