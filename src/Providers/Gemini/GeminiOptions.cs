using System.ComponentModel.DataAnnotations;
using AiProd.Providers.Http;

namespace AiProd.Providers.Gemini;

/// <summary>
/// Gemini <c>generateContent</c> for creative direction and semantic QA (section <c>Providers:Gemini</c>). The key comes
/// from configuration or the environment (<c>Providers__Gemini__ApiKey</c>, or <c>GEMINI_API_KEY</c>); it is sent
/// only in the <c>x-goog-api-key</c> header and never logged.
/// </summary>
public sealed class GeminiOptions : ProviderHttpOptions
{
    public const string Section = "Providers:Gemini";

    /// <summary>The environment variable Google's own tools read; accepted when the section has no key.</summary>
    public const string EnvironmentKey = "GEMINI_API_KEY";

    public GeminiOptions()
    {
        BaseUrl = new Uri("https://generativelanguage.googleapis.com");
        RequestsPerMinute = 60;
    }

    /// <summary>The model, as in <c>/v1beta/models/{Model}:generateContent</c>. Default gemini-2.5-flash.</summary>
    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", ErrorMessage = "Providers:Gemini:Model must be a bare model name such as gemini-2.5-flash.")]
    public string Model { get; set; } = "gemini-2.5-flash";

    /// <summary>Sampling temperature. Low keeps directions and scores repeatable. Default 0.4.</summary>
    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.4;

    /// <summary>Most tokens one answer may use; a longer answer is a "truncated" failure. Default 4096.</summary>
    [Range(256, 65_536)]
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>Keyframes semantic QA extracts and sends as inline JPEGs (4–8). Default 6.</summary>
    [Range(4, 8)]
    public int KeyframeCount { get; set; } = 6;

    /// <summary>Width the keyframes are scaled to (height follows the aspect). Default 512, small enough to stay cheap.</summary>
    [Range(64, 1920)]
    public int KeyframeWidth { get; set; } = 512;

    /// <summary>
    /// When Gemini fails (not when it refuses on safety grounds), let the offline director or evaluator take over and
    /// say so in the result. Default false: a Gemini failure fails the step.
    /// </summary>
    public bool FallbackToOffline { get; set; }

    /// <summary>Distinct generateContent answers kept (keyed by a hash of model and request body). Default 5,000.</summary>
    [Range(1, 1_000_000)]
    public int ResponseCacheEntries { get; set; } = 5_000;

    /// <summary>How long a cached answer is reused. Default 24 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ResponseCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Semantic QA score sets kept (keyed by a hash of the keyframes and the plan). Default 1,000.</summary>
    [Range(1, 1_000_000)]
    public int ScoreCacheEntries { get; set; } = 1_000;

    /// <summary>How long a score set is reused for the same keyframes and plan. Default 168 h (a week).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan ScoreCacheDuration { get; set; } = TimeSpan.FromHours(168);

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);
}
