using System.Globalization;

namespace AiProd.Bench.Scaling;

/// <summary>The scaling bench's command line.</summary>
/// <param name="Workers">Render worker counts, ascending; the first is the baseline of the efficiency.</param>
/// <param name="Videos">Videos in each measured batch.</param>
/// <param name="DurationSeconds">Length of each video.</param>
/// <param name="ShotTime">Wall time of every shot on the fixed-time renderer.</param>
/// <param name="Runs">Deployments started one after the other, each measuring every worker count.</param>
/// <param name="Timeout">The whole bench stops after this.</param>
/// <param name="Keep">Keep the work folder (every process's log) after a successful run too.</param>
internal sealed record ScalingSettings(IReadOnlyList<int> Workers, int Videos, double DurationSeconds, TimeSpan ShotTime, int Runs, TimeSpan Timeout, bool Keep)
{
    public static ScalingSettings Parse(string[] args)
    {
        var workers = BenchArgs.Value(args, "--workers", "1,2,4").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList();
        if (workers.Count == 0 || workers[0] < 1 || workers.Zip(workers.Skip(1)).Any(p => p.Second <= p.First))
            throw new ArgumentException("--workers takes ascending worker counts of at least 1, e.g. 1,2,4.");
        return new ScalingSettings(
            workers,
            int.Parse(BenchArgs.Value(args, "--videos", "6"), CultureInfo.InvariantCulture),
            double.Parse(BenchArgs.Value(args, "--duration", "12"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(BenchArgs.Value(args, "--shot-seconds", "1"), CultureInfo.InvariantCulture)),
            int.Parse(BenchArgs.Value(args, "--runs", "3"), CultureInfo.InvariantCulture),
            TimeSpan.FromMinutes(double.Parse(BenchArgs.Value(args, "--timeout", "30"), CultureInfo.InvariantCulture)),
            args.Contains("--keep"));
    }
}
