using System.Globalization;

namespace AiProd.Bench.Scaling;

/// <summary>The scaling bench's closing table and one-line summary: medians over the runs, latencies pooled over them.</summary>
internal static class ScalingReport
{
    public static void Print(ScalingSettings settings, IReadOnlyList<RunResult> runs)
    {
        var ideal = 60 / settings.ShotTime.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"render workers | shots | render phase | shots/min | ideal | efficiency vs linear   (medians of {runs.Count} run(s))");
        var rows = settings.Workers.Select((workers, i) => (
            Workers: workers,
            Shots: Stats.Median(runs.Select(r => (double)r.Phases[i].Shots)),
            Seconds: Stats.Median(runs.Select(r => r.Phases[i].Seconds)),
            Rate: Stats.Median(runs.Select(r => r.Phases[i].ShotsPerMinute)),
            Efficiency: Stats.Median(runs.Select(r => r.Efficiency(r.Phases[i]))))).ToList();
        foreach (var row in rows)
            Console.WriteLine($"{row.Workers,14} | {row.Shots,5:0} | {row.Seconds,10:0.0} s | {row.Rate,9:0.0} | {ideal * row.Workers,5:0} | {row.Efficiency,4:0.00}");

        var emulator = runs.SelectMany(r => r.EmulatorSteps).ToList();
        var memory = runs.SelectMany(r => r.InMemorySteps).ToList();
        Console.WriteLine();
        Console.WriteLine("step latency (ms), command sent → result applied, pooled over all runs' videos");
        Console.WriteLine($"{"stage",-14} | {"emulators p50 / p95 (n)",-25} | in memory p50 / p95 (n)");
        foreach (var stage in StepLatency.Stages)
            Console.WriteLine($"{stage,-14} | {Latency(emulator.Where(s => s.Stage == stage)),-25} | {Latency(memory.Where(s => s.Stage == stage))}");
        Console.WriteLine($"{"all five",-14} | {Latency(emulator),-25} | {Latency(memory)}");

        var names = runs[0].IdleResidentMiB.Keys.ToList();
        var rss = names.ToDictionary(n => n, n => Stats.Median(runs.Select(r => r.IdleResidentMiB[n])), StringComparer.Ordinal);
        Console.WriteLine();
        Console.WriteLine($"idle RSS (MiB, {IdleNote(runs)}): {string.Join(", ", rss.Select(p => $"{p.Key} {p.Value:0}"))}; total {rss.Values.Sum():0} for {rss.Count} processes");

        var (first, last) = (rows[0], rows[^1]);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary: {last.Workers} render workers {last.Rate:0} shots/min = {last.Rate / first.Rate:0.0}x {first.Workers} (efficiency {last.Efficiency:0.00}, ideal {ideal * last.Workers:0}); " +
            $"planning step p50 {Stats.Percentile(emulator.Select(s => s.Milliseconds), 50):0} ms on the emulators vs {Stats.Percentile(memory.Select(s => s.Milliseconds), 50):0.0} ms in memory " +
            $"(p95 {Stats.Percentile(emulator.Select(s => s.Milliseconds), 95):0} vs {Stats.Percentile(memory.Select(s => s.Milliseconds), 95):0.0}); " +
            $"idle RSS {rss.Values.Sum():0} MiB for {rss.Count} processes"));
    }

    private static string Latency(IEnumerable<(string Stage, double Milliseconds)> steps)
    {
        var ms = steps.Select(s => s.Milliseconds).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Stats.Percentile(ms, 50):0.0} / {Stats.Percentile(ms, 95):0.0} ({ms.Count})");
    }

    private static string IdleNote(IReadOnlyList<RunResult> runs) =>
        $"{runs.Count} run(s)' median, read 5 s after every process was healthy, before any video; workstation GC";
}
