using System.ComponentModel.DataAnnotations;

using AiProd.Workers.Common;

namespace AiProd.Workers.Financial;

/// <summary>
/// The cost model's parameters and the backends' prices (section <c>Financial</c>). Prices are the providers' list
/// prices per second of output at the reference set-up (fp16, A100, batch 1, one GPU, PyTorch, on-demand); the other
/// parameters describe how a deployment differs from it. Lists are comma-separated strings because configuration
/// binding appends to, rather than replaces, a default list.
/// </summary>
public sealed class FinancialOptions : BackendPrices, IValidatableObject
{
    /// <summary>
    /// Backends that may render, comma-separated. Default "local": the embedded mode only has the ffmpeg renderer.
    /// Distributed mode enables the hosted ones, e.g. "veo3,runway,replicate-wan25,local".
    /// </summary>
    [Required]
    public string EnabledBackends { get; set; } = "local";

    /// <summary>All known backends from best to worst output quality, comma-separated. Default "veo3,runway,replicate-wan25,local".</summary>
    [Required]
    public string QualityRanking { get; set; } = "veo3,runway,replicate-wan25,local";

    /// <summary>How strongly complexity moves the price: multiplier 1 + weight × (complexity − 0.5). Default 0.4 (0.8–1.2).</summary>
    [Range(0.0, 1.0)]
    public double ComplexityWeight { get; set; } = 0.4;

    /// <summary>Bill every shot in whole seconds, as the hosted APIs do. Default true.</summary>
    public bool BillWholeSecondsPerShot { get; set; } = true;

    /// <summary>Model weights precision: "fp32", "fp16" (default, the reference) or "int8".</summary>
    [AllowedValues("fp32", "fp16", "int8")]
    public string Quantization { get; set; } = "fp16";

    /// <summary>GPU class: "L4", "A100" (default, the reference) or "H100".</summary>
    [AllowedValues("L4", "A100", "H100")]
    public string GpuTier { get; set; } = "A100";

    /// <summary>Clips generated together; bigger batches amortise fixed overhead. Default 1.</summary>
    [Range(1, 64)]
    public int BatchSize { get; set; } = 1;

    /// <summary>Saving per doubling of the batch: multiplier 1 / (1 + efficiency × log2(batch)). Default 0.15.</summary>
    [Range(0.0, 1.0)]
    public double BatchEfficiency { get; set; } = 0.15;

    /// <summary>GPUs per render job. Default 1.</summary>
    [Range(1, 16)]
    public int GpuCount { get; set; } = 1;

    /// <summary>Share of each extra GPU that turns into speed (the rest is communication overhead). Default 0.9.</summary>
    [Range(0.1, 1.0)]
    public double ParallelEfficiency { get; set; } = 0.9;

    /// <summary>Inference framework: "pytorch" (default, the reference), "tensorrt" or "jax".</summary>
    [AllowedValues("pytorch", "tensorrt", "jax")]
    public string Framework { get; set; } = "pytorch";

    /// <summary>Render on spot/preemptible capacity. Default false.</summary>
    public bool UseSpot { get; set; }

    /// <summary>Spot discount off the on-demand price, net of expected preemption re-work. Default 0.6.</summary>
    [Range(0.0, 0.95)]
    public double SpotDiscount { get; set; } = 0.6;

    /// <summary>Enabled backends, parsed.</summary>
    public IReadOnlyList<string> Enabled => Split(EnabledBackends);

    /// <summary>Quality ranking, parsed.</summary>
    public IReadOnlyList<string> Ranking => Split(QualityRanking);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled.Count == 0)
            yield return new ValidationResult("EnabledBackends must name at least one backend.", [nameof(EnabledBackends)]);
        foreach (var backend in Enabled.Where(b => !PricesPerSecondUsd.ContainsKey(b)))
            yield return new ValidationResult($"Enabled backend '{backend}' has no entry in PricesPerSecondUsd.", [nameof(PricesPerSecondUsd)]);
        foreach (var backend in Enabled.Where(b => !Ranking.Contains(b, StringComparer.OrdinalIgnoreCase)))
            yield return new ValidationResult($"Enabled backend '{backend}' is missing from QualityRanking.", [nameof(QualityRanking)]);
        foreach (var (backend, lengths) in ClipLengthsSeconds.Where(c => ClipLengths(c.Key) is null))
            yield return new ValidationResult($"ClipLengthsSeconds of '{backend}' must be whole seconds above 0, comma-separated (is '{lengths}').", [nameof(ClipLengthsSeconds)]);
        foreach (var (backend, price) in PricesPerSecondUsd.Where(p => p.Value < 0))
            yield return new ValidationResult($"Price of '{backend}' must not be negative (is {price}).", [nameof(PricesPerSecondUsd)]);
    }

    private static List<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(b => b.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
}
