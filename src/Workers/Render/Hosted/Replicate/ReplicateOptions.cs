using System.ComponentModel.DataAnnotations;
using AiProd.Workers.Render.Hosted;

namespace AiProd.Workers.Render.Hosted.Replicate;

/// <summary>
/// Replicate's HTTP API running Wan 2.5 (section <c>Providers:Replicate</c>). The key is
/// <c>Providers:Replicate:ApiKey</c>, or the environment variable <c>REPLICATE_API_TOKEN</c>; without either, the
/// "replicate-wan25" backend is not registered.
/// </summary>
public sealed class ReplicateOptions : RenderProviderOptions, IValidatableObject
{
    public const string Section = "Providers:Replicate";

    /// <summary>The vendor's usual environment variable for the key, read when <c>ApiKey</c> is not set.</summary>
    public const string VendorKeyVariable = "REPLICATE_API_TOKEN";

    public ReplicateOptions()
    {
        BaseUrl = new Uri("https://api.replicate.com");
        Model = "wan-video/wan-2.5-t2v";
        PollInterval = TimeSpan.FromSeconds(2);
        AllowedDownloadHosts = "replicate.delivery,*.replicate.delivery";
        // A held create lasts up to PreferWaitSeconds: the attempt timeout must outlast it, or the pipeline would
        // time the call out and send it again, starting (and paying for) a second prediction.
        AttemptTimeout = TimeSpan.FromSeconds(90);
    }

    /// <summary>
    /// Seconds the create call holds the connection open (<c>Prefer: wait=N</c>, 1–60) before it answers with a
    /// prediction that may still be running; 0 sends no <c>Prefer</c> header. Default 60.
    /// </summary>
    [Range(0, 60)]
    public int PreferWaitSeconds { get; set; } = 60;

    /// <summary>Optional <c>negative_prompt</c> (at most 500 characters).</summary>
    [MaxLength(500)]
    public string? NegativePrompt { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeSpan.FromSeconds(PreferWaitSeconds + 5) > AttemptTimeout)
            yield return new ValidationResult(
                $"AttemptTimeout ({AttemptTimeout}) must exceed PreferWaitSeconds ({PreferWaitSeconds} s) by at least 5 s.", [nameof(AttemptTimeout)]);
    }
}
