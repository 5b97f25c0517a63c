namespace AiProd.Workers.Financial;

/// <summary>The eight inputs of the cost model.</summary>
public sealed record CostParameters(
    double Complexity,
    double BilledSeconds,
    string Quantization,
    string GpuTier,
    int BatchSize,
    int GpuCount,
    string Framework,
    bool UseSpot,
    double ComplexityWeight = 0.4,
    double BatchEfficiency = 0.15,
    double ParallelEfficiency = 0.9,
    double SpotDiscount = 0.6);

/// <summary>
/// The cost model as pure functions: cost = price per second × billed seconds × the product of the multipliers.
/// Every multiplier is 1 at the reference set-up the list prices assume (medium complexity, fp16, A100, batch 1,
/// one GPU, PyTorch, on-demand).
/// </summary>
public static class CostModel
{
    // Relative compute per output second; lower precision runs faster and needs less memory.
    private static readonly Dictionary<string, double> Quantizations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fp32"] = 1.6,
        ["fp16"] = 1.0,
        ["int8"] = 0.7,
    };

    // Hourly price over throughput, relative to an A100: an L4 is cheap but slow, an H100 dear but faster still.
    private static readonly Dictionary<string, double> GpuTiers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["L4"] = 1.15,
        ["A100"] = 1.0,
        ["H100"] = 0.85,
    };

    // Kernel efficiency relative to eager PyTorch.
    private static readonly Dictionary<string, double> Frameworks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pytorch"] = 1.0,
        ["tensorrt"] = 0.75,
        ["jax"] = 0.9,
    };

    /// <summary>1 + weight × (complexity − 0.5): busy prompts need more denoising steps and retries.</summary>
    public static double ComplexityMultiplier(double complexity, double weight) => 1 + (weight * (Math.Clamp(complexity, 0, 1) - 0.5));

    public static double QuantizationMultiplier(string quantization) => Lookup(Quantizations, quantization, "quantization");

    public static double GpuTierMultiplier(string tier) => Lookup(GpuTiers, tier, "GPU tier");

    public static double FrameworkMultiplier(string framework) => Lookup(Frameworks, framework, "framework");

    /// <summary>1 / (1 + efficiency × log2(batch)): each doubling of the batch shares fixed overhead.</summary>
    public static double BatchMultiplier(int batchSize, double efficiency) => 1 / (1 + (efficiency * Math.Log2(Math.Max(1, batchSize))));

    /// <summary>How much faster <paramref name="gpus"/> GPUs finish: 1 + (gpus − 1) × efficiency.</summary>
    public static double MultiGpuSpeedUp(int gpus, double efficiency) => 1 + ((Math.Max(1, gpus) - 1) * efficiency);

    /// <summary>GPU-seconds paid over GPU-seconds needed: gpus / speed-up, at least 1 (parallelism costs, it never saves).</summary>
    public static double MultiGpuMultiplier(int gpus, double efficiency) => Math.Max(1, gpus) / MultiGpuSpeedUp(gpus, efficiency);

    public static double SpotMultiplier(bool useSpot, double discount) => useSpot ? 1 - discount : 1;

    /// <summary>
    /// Seconds the provider charges for: every shot rounded up to a whole second when billed per shot, else the exact
    /// total. Without shots the requested duration stands in.
    /// </summary>
    public static double BilledSeconds(IEnumerable<double> shotDurations, double requestedSeconds, bool wholeSecondsPerShot)
    {
        var shots = shotDurations.ToList();
        if (shots.Count == 0)
            shots.Add(requestedSeconds);
        return wholeSecondsPerShot
            ? shots.Sum(s => Math.Ceiling(Math.Round(s, 2) - 1e-9))
            : Math.Round(shots.Sum(), 2);
    }

    /// <summary>
    /// Seconds a backend that only makes clips of fixed lengths charges for the shots: each shot the shortest length
    /// that covers it, or as many of the longest as it takes. Veo 3 makes 8 s clips, so a 2 s shot costs 8 s of Veo.
    /// </summary>
    public static double BilledSecondsInClips(IEnumerable<double> shotDurations, IReadOnlyList<int> clipLengths)
    {
        ArgumentOutOfRangeException.ThrowIfZero(clipLengths.Count);
        var sorted = clipLengths.Order().ToList();
        return shotDurations.Sum(shot =>
        {
            var seconds = Math.Round(shot, 2) - 1e-9;
            var covering = sorted.FirstOrDefault(c => c >= seconds);
            return covering > 0 ? covering : Math.Ceiling(seconds / sorted[^1]) * sorted[^1];
        });
    }

    /// <summary>Every multiplier by name, plus the inputs and the total, for <c>CostEstimate.Factors</c>.</summary>
    public static IReadOnlyDictionary<string, double> Factors(CostParameters p)
    {
        var factors = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["complexity"] = p.Complexity,
            ["complexityMultiplier"] = ComplexityMultiplier(p.Complexity, p.ComplexityWeight),
            ["billedSeconds"] = p.BilledSeconds,
            ["quantizationMultiplier"] = QuantizationMultiplier(p.Quantization),
            ["gpuTierMultiplier"] = GpuTierMultiplier(p.GpuTier),
            ["batchSize"] = p.BatchSize,
            ["batchMultiplier"] = BatchMultiplier(p.BatchSize, p.BatchEfficiency),
            ["gpuCount"] = p.GpuCount,
            ["multiGpuSpeedUp"] = MultiGpuSpeedUp(p.GpuCount, p.ParallelEfficiency),
            ["multiGpuMultiplier"] = MultiGpuMultiplier(p.GpuCount, p.ParallelEfficiency),
            ["frameworkMultiplier"] = FrameworkMultiplier(p.Framework),
            ["spotMultiplier"] = SpotMultiplier(p.UseSpot, p.SpotDiscount),
        };
        factors["totalMultiplier"] = TotalMultiplier(p);
        return factors.ToDictionary(f => f.Key, f => Math.Round(f.Value, 6), StringComparer.Ordinal);
    }

    /// <summary>The product of the seven multipliers (duration enters as billed seconds).</summary>
    public static double TotalMultiplier(CostParameters p) =>
        ComplexityMultiplier(p.Complexity, p.ComplexityWeight)
        * QuantizationMultiplier(p.Quantization)
        * GpuTierMultiplier(p.GpuTier)
        * BatchMultiplier(p.BatchSize, p.BatchEfficiency)
        * MultiGpuMultiplier(p.GpuCount, p.ParallelEfficiency)
        * FrameworkMultiplier(p.Framework)
        * SpotMultiplier(p.UseSpot, p.SpotDiscount);

    /// <summary>Price of the whole video on one backend, rounded to 1/100 of a cent.</summary>
    public static decimal Cost(decimal pricePerSecondUsd, CostParameters p) =>
        Math.Round(pricePerSecondUsd * (decimal)p.BilledSeconds * (decimal)TotalMultiplier(p), 4, MidpointRounding.AwayFromZero);

    private static double Lookup(Dictionary<string, double> table, string key, string what) =>
        table.TryGetValue(key, out var value)
            ? value
            : throw new ArgumentException($"Unknown {what} '{key}'; allowed: {string.Join(", ", table.Keys)}.", nameof(key));
}
