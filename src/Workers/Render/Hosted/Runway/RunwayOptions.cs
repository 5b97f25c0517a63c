using System.ComponentModel.DataAnnotations;
using AiProd.Workers.Render.Hosted;

namespace AiProd.Workers.Render.Hosted.Runway;

/// <summary>
/// Runway's API (section <c>Providers:Runway</c>). The key is <c>Providers:Runway:ApiKey</c>, or the environment
/// variable <c>RUNWAYML_API_SECRET</c>; without either, the "runway" backend is not registered.
/// </summary>
public sealed class RunwayOptions : RenderProviderOptions
{
    public const string Section = "Providers:Runway";

    /// <summary>The vendor's usual environment variable for the key, read when <c>ApiKey</c> is not set.</summary>
    public const string VendorKeyVariable = "RUNWAYML_API_SECRET";

    public RunwayOptions()
    {
        BaseUrl = new Uri("https://api.dev.runwayml.com");
        Model = "gen4_turbo";
        // The SDK polls every 6 s ± 3 s.
        PollInterval = TimeSpan.FromSeconds(6);
        // Task outputs are signed URLs on Runway's CloudFront distribution (host from memory, unverified: check a real task's output).
        AllowedDownloadHosts = "dnznrvs05pmza.cloudfront.net";
    }

    /// <summary>The <c>X-Runway-Version</c> header every call needs. Default 2024-11-06.</summary>
    [Required]
    public string ApiVersion { get; set; } = "2024-11-06";
}
