using System.Collections.Concurrent;
using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Qa.Consistency;

namespace AiProd.Workers.Qa;

/// <summary>
/// The four consistency measures, 0–1, each with the basis it was computed from: colour histograms and SSIM between the
/// shots of a scene, motion continuity across each cut, palette and brightness spread over the whole video, and the
/// similarity of prompt, scenes and narration (<see cref="NarrativeFlow"/>: MiniLM sentence embeddings, or TF-IDF when
/// configured so or when the model cannot load). One small decode (<see cref="VideoFrames"/>) feeds the first three. A
/// result is kept 168 h under the content hash of the video and the plan, so judging the same attempt again (a
/// redelivered command, or the offline and Gemini judges on one video) decodes nothing.
/// </summary>
public sealed class ConsistencyScorer(MediaTool tool, TimeProvider time, NarrativeFlow? narrative = null)
{
    private readonly NarrativeFlow _narrative = narrative ?? NarrativeFlow.Default;

    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(168);

    private readonly ConcurrentDictionary<string, (ConsistencyReport Report, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>Entries in the cache (for tests and metrics).</summary>
    public int CachedCount => _cache.Count;

    /// <summary>The measures for <paramref name="file"/> judged against <paramref name="command"/>'s plan; null when the file cannot be decoded.</summary>
    public Task<ConsistencyReport?> ScoreAsync(string file, RunSemanticQa command, CancellationToken cancellationToken) =>
        ScoreAsync(file, command, null, cancellationToken);

    /// <summary>As above, from frames already decoded at the request's frame rate (<paramref name="decoded"/>), when there are.</summary>
    public async Task<ConsistencyReport?> ScoreAsync(string file, RunSemanticQa command, VideoFrames? decoded, CancellationToken cancellationToken)
    {
        var key = await ContentHashAsync(file, command, cancellationToken);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && hit.Until > now)
            return hit.Report;
        var frameRate = command.Request.FrameRate > 0 ? command.Request.FrameRate : 24;
        var frames = decoded is not null && Math.Abs(decoded.FrameRate - frameRate) < 1e-9
            ? decoded
            : await VideoFrames.DecodeAsync(tool, file, frameRate, VideoStages.QaSemantic, cancellationToken);
        if (frames is null)
            return null;
        var report = Compute(frames, command, _narrative, cancellationToken);
        _cache[key] = (report, now + CacheLifetime);
        foreach (var stale in _cache.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
            _cache.TryRemove(stale, out _);
        return report;
    }

    /// <summary>The four measures from decoded frames and the plan (pure but for the embedding model <paramref name="narrative"/> may run).</summary>
    public static ConsistencyReport Compute(VideoFrames frames, RunSemanticQa command, NarrativeFlow narrative, CancellationToken cancellationToken = default)
    {
        var scenes = command.Shots.DistinctBy(s => s.ShotId).ToDictionary(x => x.ShotId, x => x.SceneIndex, StringComparer.Ordinal);
        var shots = command.Timeline.OrderBy(t => t.StartSeconds)
            .Select(t => ShotLook.Of(frames, t, scenes.GetValueOrDefault(t.ShotId)))
            .Where(s => s is not null)
            .Select(s => s!)
            .ToList();
        return new ConsistencyReport(Visual(frames, shots), Temporal(frames, shots), Style(shots), narrative.Score(command, cancellationToken));
    }

    /// <summary>Adjacent shots of one scene: 0.6 × histogram similarity (1 − Bhattacharyya) + 0.4 × SSIM of their middle frames.</summary>
    private static ConsistencyScore Visual(VideoFrames frames, List<ShotLook> shots)
    {
        var pairs = shots.Zip(shots.Skip(1)).Where(p => p.First.Scene == p.Second.Scene).ToList();
        if (pairs.Count == 0)
            return new(1, "no scene has two shots: nothing to compare within a scene (colour histograms and SSIM need a pair)");
        var colour = pairs.Select(p => 1 - ColourHistogram.Bhattacharyya(p.First.Histogram, p.Second.Histogram)).ToList();
        var ssim = pairs.Select(p => Math.Clamp(Ssim.Compute(frames.Grey(p.First.Middle), frames.Grey(p.Second.Middle), VideoFrames.Width, VideoFrames.Height), 0, 1)).ToList();
        var score = Clamp01(0.6 * colour.Average() + 0.4 * ssim.Average());
        return new(Round(score), Text(
            $"{pairs.Count} pair(s) of adjacent shots within a scene: HSV histogram similarity (1 − Bhattacharyya) {colour.Average():F2}, SSIM of their middle frames {ssim.Average():F2} (64×64 grey), weighted 0.6/0.4"));
    }

    /// <summary>
    /// Each boundary: the frame difference across it against the motion just before and after (a pan that carries
    /// through scores 1, a jump many times the surrounding motion 0), and whether the motion's speed carries over.
    /// </summary>
    private static ConsistencyScore Temporal(VideoFrames frames, List<ShotLook> shots)
    {
        var boundaries = new List<(double Jump, double Rate)>();
        foreach (var shot in shots.Skip(1))
        {
            var b = shot.First;
            if (b < 2 || b + 2 > frames.Count)
                continue;
            var cut = Ssim.MeanAbsoluteDifference(frames.Grey(b - 1), frames.Grey(b));
            var before = Median([.. Enumerable.Range(Math.Max(1, b - 4), Math.Min(4, b - 1)).Select(i => Ssim.MeanAbsoluteDifference(frames.Grey(i - 1), frames.Grey(i)))]);
            var after = Median([.. Enumerable.Range(b + 1, Math.Max(0, Math.Min(4, frames.Count - b - 1))).Select(i => Ssim.MeanAbsoluteDifference(frames.Grey(i - 1), frames.Grey(i)))]);
            var jump = cut / Math.Max(1, Math.Max(before, after));
            boundaries.Add((jump, Math.Abs(Math.Log((after + 0.5) / (before + 0.5)))));
        }
        if (boundaries.Count == 0)
            return new(1, "no boundary between shots: nothing to carry across");
        var scores = boundaries.Select(x => 0.7 * Clamp01(1 - Math.Log(Math.Max(1, x.Jump)) / Math.Log(16)) + 0.3 * Clamp01(1 - x.Rate / Math.Log(4))).ToList();
        return new(Round(scores.Average()), Text(
            $"{boundaries.Count} boundary(ies): frame difference across the cut {boundaries.Average(x => x.Jump):F1}x the motion either side (1 = carries through, 16x scores 0), mean |log| change of motion speed {boundaries.Average(x => x.Rate):F2} (1.39 = 4x), weighted 0.7/0.3"));
    }

    /// <summary>All shots: how far each shot's palette is from the video's mean palette, and the spread of their brightness.</summary>
    private static ConsistencyScore Style(List<ShotLook> shots)
    {
        if (shots.Count < 2)
            return new(1, "one shot: no spread to measure");
        var palette = ColourHistogram.Mean([.. shots.Select(s => s.Histogram)]);
        var distance = shots.Average(s => ColourHistogram.Bhattacharyya(s.Histogram, palette));
        var luma = StdDev([.. shots.Select(s => s.Luma)]);
        var score = Clamp01(0.6 * (1 - distance) + 0.4 * Clamp01(1 - luma / 40));
        return new(Round(score), Text(
            $"{shots.Count} shots: mean Bhattacharyya distance of each shot's HSV histogram from the video's palette {distance:F2}, standard deviation of shot brightness {luma:F1} of 255 (40 scores 0), weighted 0.6/0.4"));
    }

    /// <summary>Advice for the next attempt from the consistency measures below 0.5 (advisory tags the director may act on).</summary>
    public static IEnumerable<string> Feedback(ConsistencyReport? c)
    {
        if (c is null)
            yield break;
        if (c.VisualConsistency.Score < 0.5)
            yield return $"consistent-look: shots of one scene differ in colour and structure ({c.VisualConsistency.Basis}); keep one look per scene.";
        if (c.TemporalCoherence.Score < 0.5)
            yield return $"steadier: motion jumps across cuts ({c.TemporalCoherence.Basis}); match the movement either side of a cut.";
        if (c.StyleUniformity.Score < 0.5)
            yield return $"consistent-look: the shots spread widely in palette and brightness ({c.StyleUniformity.Basis}); keep one palette.";
        if (c.NarrativeFlow.Score < 0.5)
            yield return $"follow-the-prompt: scenes and narration stray from the prompt ({c.NarrativeFlow.Basis}).";
    }

    /// <summary>SHA-256 of the video's bytes and of the plan it is judged against: the cache key.</summary>
    private static async Task<string> ContentHashAsync(string file, RunSemanticQa command, CancellationToken cancellationToken)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        await using (var stream = File.OpenRead(file))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                sha.AppendData(buffer, 0, read);
        }
        sha.AppendData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { command.Request.Prompt, command.Request.FrameRate, command.Direction.Scenes, command.Shots, command.Timeline }));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>One shot's look: its frames, middle frame, colour histogram (up to 8 frames of its middle 80 %) and mean luma.</summary>
    private sealed record ShotLook(int Scene, int First, int Middle, IReadOnlyList<double> Histogram, double Luma)
    {
        public static ShotLook? Of(VideoFrames frames, ShotTiming timing, int scene)
        {
            var (first, last) = frames.Span(timing);
            if (last <= first)
                return null;
            var length = last - first;
            var from = first + length / 10;
            var to = Math.Max(from + 1, last - length / 10);
            var histogram = new ColourHistogram();
            var samples = Enumerable.Range(0, Math.Min(8, to - from)).Select(k => from + k * (to - from) / Math.Min(8, to - from)).Distinct().ToList();
            foreach (var i in samples)
                histogram.Add(frames.Rgb[i]);
            var luma = samples.Average(i => frames.Grey(i).Average(p => (double)p));
            return new ShotLook(scene, first, first + length / 2, histogram.Shares, luma);
        }
    }

    private static double Median(List<double> v)
    {
        if (v.Count == 0)
            return 0;
        v.Sort();
        return v[v.Count / 2];
    }

    private static double StdDev(List<double> v)
    {
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Count);
    }

    private static double Clamp01(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);

    private static double Round(double v) => Math.Round(v, 3);

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
