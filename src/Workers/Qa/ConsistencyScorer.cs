using System.Collections.Concurrent;
using System.Globalization;
using AiProd.Contracts;

namespace AiProd.Workers.Qa;

/// <summary>
/// The four consistency measures, 0–1, from the signals of the one analysis decode and the plan. Pure apart from its
/// cache: a result is kept 168 h under the content hash of the video and the plan, so judging the same attempt again
/// (a redelivered command) costs nothing. What each measure is computed from is in its basis: per-shot luma means and
/// spreads (signalstats), frame differences around boundaries, and word overlap; colour histograms and SSIM between
/// shots are not measured by this decode.
/// </summary>
public sealed class ConsistencyScorer(TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(168);

    private readonly ConcurrentDictionary<string, (ConsistencyReport Report, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>Entries in the cache (for tests and metrics).</summary>
    public int CachedCount => _cache.Count;

    internal ConsistencyReport Score(string contentHash, SignalSeries s, RunSemanticQa command)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(contentHash, out var hit) && hit.Until > now)
            return hit.Report;
        var report = Compute(s, command);
        _cache[contentHash] = (report, now + CacheLifetime);
        foreach (var stale in _cache.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
            _cache.TryRemove(stale, out _);
        return report;
    }

    internal static ConsistencyReport Compute(SignalSeries s, RunSemanticQa command)
    {
        var inv = CultureInfo.InvariantCulture;
        var scenes = command.Shots.ToDictionary(x => x.ShotId, x => x.SceneIndex, StringComparer.Ordinal);
        var shots = command.Timeline.OrderBy(t => t.StartSeconds)
            .Select(t => (t.ShotId, Scene: scenes.GetValueOrDefault(t.ShotId), Luma: Mean(s, s.LumaMean, t), Spread: Mean(s, s.LumaSpread, t), t.StartSeconds))
            .Where(x => !double.IsNaN(x.Luma))
            .ToList();

        // Visual consistency: adjacent shots of one scene, by how far their mean luma and contrast move apart.
        var within = shots.Zip(shots.Skip(1)).Where(p => p.First.Scene == p.Second.Scene)
            .Select(p => Math.Abs(p.First.Luma - p.Second.Luma) + 0.5 * Math.Abs(p.First.Spread - p.Second.Spread)).ToList();
        var visual = within.Count == 0 ? 1 : Clamp01(1 - within.Average() / 60);
        var visualBasis = string.Create(inv, $"{within.Count} pair(s) of adjacent shots within a scene, mean luma/contrast step {(within.Count == 0 ? 0 : within.Average()):F1} levels (per-shot signalstats means; colour histograms and SSIM between shots not measured)");

        // Temporal coherence: the motion (median frame difference) 0.5 s before and after each boundary.
        var ratios = new List<double>();
        foreach (var shot in shots.Skip(1))
        {
            var before = Median(Window(s, shot.StartSeconds - 0.5, shot.StartSeconds - 0.05));
            var after = Median(Window(s, shot.StartSeconds + 0.1, shot.StartSeconds + 0.55));
            if (before > 0.05 || after > 0.05)
                ratios.Add(Math.Abs(Math.Log((after + 0.5) / (before + 0.5))));
        }
        var temporal = ratios.Count == 0 ? 1 : Clamp01(1 - ratios.Average() / Math.Log(4));
        var temporalBasis = string.Create(inv, $"{ratios.Count} boundary(ies), mean |log| ratio of the motion after to before the cut {(ratios.Count == 0 ? 0 : ratios.Average()):F2} (1.39 = 4x faster or slower)");

        // Style uniformity: how widely brightness and contrast spread over all the shots.
        var lumaSd = StdDev(shots.Select(x => x.Luma).ToList());
        var spreadSd = StdDev(shots.Select(x => x.Spread).ToList());
        var style = Clamp01(1 - (lumaSd + 0.5 * spreadSd) / 50);
        var styleBasis = string.Create(inv, $"standard deviation over {shots.Count} shot(s): mean luma {lumaSd:F1}, luma spread {spreadSd:F1} levels");

        // Narrative flow: prompt ↔ scene descriptions ↔ narration, word overlap (no embedding model is available).
        var promptWords = PlanAdherence.ContentWords(command.Request.Prompt);
        var links = new List<double>();
        foreach (var scene in command.Direction.Scenes)
        {
            var sceneWords = PlanAdherence.ContentWords(scene.Description);
            if (promptWords.Count > 0 && sceneWords.Count > 0)
                links.Add(promptWords.Count(sceneWords.Contains) / (double)promptWords.Count);
            if (scene.Narration.Length > 0)
            {
                var spoken = PlanAdherence.ContentWords(scene.Narration);
                var union = sceneWords.Union(promptWords).ToHashSet();
                if (spoken.Count > 0)
                    links.Add(spoken.Count(union.Contains) / (double)spoken.Count);
            }
        }
        var flow = links.Count == 0 ? 0 : Clamp01(links.Average() * 1.5);
        var flowBasis = string.Create(inv, $"lexical: mean share of content words shared prompt→scene and narration→(scene ∪ prompt) over {links.Count} link(s), {(links.Count == 0 ? 0 : links.Average()):P0}, x1.5 capped at 1 (no sentence-embedding model ships in a package this project can use)");

        return new ConsistencyReport(
            new ConsistencyScore(Math.Round(visual, 3), visualBasis),
            new ConsistencyScore(Math.Round(temporal, 3), temporalBasis),
            new ConsistencyScore(Math.Round(style, 3), styleBasis),
            new ConsistencyScore(Math.Round(flow, 3), flowBasis));
    }

    private static double Mean(SignalSeries s, List<double> values, ShotTiming t)
    {
        var picked = Enumerable.Range(0, Math.Min(values.Count, s.Time.Count))
            .Where(i => s.Time[i] >= t.StartSeconds && s.Time[i] < t.StartSeconds + t.DurationSeconds).Select(i => values[i]).ToList();
        return picked.Count == 0 ? double.NaN : picked.Average();
    }

    private static List<double> Window(SignalSeries s, double from, double to) =>
        [.. Enumerable.Range(1, Math.Max(0, Math.Min(s.LumaDiff.Count, s.Time.Count) - 1)).Where(i => s.Time[i] >= from && s.Time[i] <= to).Select(i => s.LumaDiff[i])];

    private static double Median(List<double> v)
    {
        if (v.Count == 0)
            return 0;
        v.Sort();
        return v[v.Count / 2];
    }

    private static double StdDev(List<double> v)
    {
        if (v.Count < 2)
            return 0;
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Count);
    }

    private static double Clamp01(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);
}
