using System.ComponentModel.DataAnnotations;

namespace AiProd.Sanitizing;

/// <summary>Limits the input sanitizer enforces (section <c>Sanitizer</c>). Defaults match the public contract.</summary>
public sealed class SanitizerOptions : IValidatableObject
{
    public const string Section = "Sanitizer";

    /// <summary>Shortest prompt accepted after cleaning, in characters. Default 3.</summary>
    [Range(1, 100)]
    public int MinPromptLength { get; set; } = 3;

    /// <summary>Longest prompt accepted after cleaning, in characters. Default 2,000.</summary>
    [Range(10, 20_000)]
    public int MaxPromptLength { get; set; } = 2000;

    /// <summary>Toxicity score (0–1) at or above which a prompt is rejected; lower non-zero scores only warn. Default 0.7.</summary>
    [Range(0.01, 1.0)]
    public double ToxicityThreshold { get; set; } = 0.7;

    /// <summary>Shortest video, in seconds. Default 2.</summary>
    [Range(1.0, 600.0)]
    public double MinDurationSeconds { get; set; } = 2;

    /// <summary>Longest video, in seconds. Default 60.</summary>
    [Range(1.0, 600.0)]
    public double MaxDurationSeconds { get; set; } = 60;

    /// <summary>Smallest budget accepted, in USD. Default 0.10.</summary>
    [Range(typeof(decimal), "0.01", "10000")]
    public decimal MinBudgetUsd { get; set; } = 0.10m;

    /// <summary>Largest budget accepted, in USD. Default 100.00.</summary>
    [Range(typeof(decimal), "0.01", "10000")]
    public decimal MaxBudgetUsd { get; set; } = 100.00m;

    /// <summary>
    /// Frame rates the renderers support, comma-separated. Default "24,30,60". A string rather than a list because
    /// configuration binding appends to a default list instead of replacing it.
    /// </summary>
    [Required]
    [RegularExpression(@"^\s*\d{1,3}\s*(,\s*\d{1,3}\s*)*$", ErrorMessage = "FrameRates must be comma-separated whole numbers, e.g. \"24,30,60\".")]
    public string FrameRates { get; set; } = "24,30,60";

    /// <summary>The allowed frame rates, parsed; never throws (validation reads every property and reports bad text itself).</summary>
    public IReadOnlyList<int> AllowedFrameRates =>
        (FrameRates ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => int.TryParse(r, System.Globalization.CultureInfo.InvariantCulture, out var rate) ? rate : 0)
            .Where(rate => rate > 0).Distinct().ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinPromptLength > MaxPromptLength)
            yield return new ValidationResult("MinPromptLength must not exceed MaxPromptLength.", [nameof(MinPromptLength)]);
        if (MinDurationSeconds > MaxDurationSeconds)
            yield return new ValidationResult("MinDurationSeconds must not exceed MaxDurationSeconds.", [nameof(MinDurationSeconds)]);
        if (AllowedFrameRates.Count == 0)
            yield return new ValidationResult("FrameRates must name at least one frame rate above 0.", [nameof(FrameRates)]);
        if (MinBudgetUsd > MaxBudgetUsd)
            yield return new ValidationResult("MinBudgetUsd must not exceed MaxBudgetUsd.", [nameof(MinBudgetUsd)]);
    }
}
