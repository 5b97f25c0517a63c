namespace AiProd.Cli.Remote;

/// <summary>What a load test measured: percentiles of submit latency and end-to-end time, throughput, errors by code, cost.</summary>
public sealed record LoadTestReport(
    int Requested,
    int Attempted,
    int Accepted,
    int Completed,
    int Failed,
    double ElapsedSeconds,
    Percentiles SubmitLatencyMs,
    Percentiles EndToEndSeconds,
    double VideosPerMinute,
    double RequestsPerSecond,
    double ErrorRate,
    IReadOnlyDictionary<string, int> ErrorsByCode,
    decimal TotalCostUsd,
    decimal CostPerRequestUsd,
    int Throttled,
    bool Interrupted)
{
    public static LoadTestReport From(IReadOnlyList<LoadTestResult> results, LoadTestOptions options, TimeSpan elapsed, int throttled, bool interrupted)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var completed = results.Count(r => r.Succeeded);
        var accepted = results.Count(r => r.VideoId is not null);
        var cost = results.Sum(r => r.CostUsd ?? 0m);
        return new LoadTestReport(
            options.Requests,
            results.Count,
            accepted,
            completed,
            results.Count - completed,
            Math.Round(seconds, 3),
            Percentiles.Of(results.Where(r => r.SubmitLatency is not null).Select(r => r.SubmitLatency!.Value.TotalMilliseconds)),
            Percentiles.Of(results.Where(r => r.Succeeded && r.EndToEnd is not null).Select(r => r.EndToEnd!.Value.TotalSeconds)),
            Math.Round(completed / seconds * 60, 2),
            Math.Round(results.Count(r => r.SubmitLatency is not null) / seconds, 3),
            results.Count == 0 ? 0 : Math.Round((double)(results.Count - completed) / results.Count, 4),
            results.Where(r => r.ErrorCode is not null).GroupBy(r => r.ErrorCode!).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            cost,
            results.Count == 0 ? 0 : Math.Round(cost / results.Count, 6),
            throttled,
            interrupted);
    }
}

/// <summary>Nearest-rank percentiles of a sample (0 when it is empty), rounded to 3 decimals.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return new Percentiles(0, 0, 0, 0, 0);
        return new Percentiles(sorted.Length, At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), Math.Round(sorted[^1], 3));
    }

    private static double At(double[] sorted, double q) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
}
