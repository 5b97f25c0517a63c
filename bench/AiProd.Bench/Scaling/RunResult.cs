namespace AiProd.Bench.Scaling;

/// <summary>What one run measured: its deployment's start-up and idle memory, each worker count's render phase, and step latencies on both buses.</summary>
internal sealed record RunResult(
    TimeSpan StartUp,
    IReadOnlyDictionary<string, double> IdleResidentMiB,
    IReadOnlyList<RenderPhase> Phases,
    IReadOnlyList<(string Stage, double Milliseconds)> EmulatorSteps,
    IReadOnlyList<(string Stage, double Milliseconds)> InMemorySteps)
{
    /// <summary>rate(N) / (N × rate(first)), the first worker count of this same run being the baseline.</summary>
    public double Efficiency(RenderPhase phase) =>
        phase.ShotsPerMinute / (phase.Workers / (double)Phases[0].Workers * Phases[0].ShotsPerMinute);
}
