using System.ComponentModel.DataAnnotations;

namespace AiProd.Providers.Http;

/// <summary>
/// What every hosted provider shares: where it lives, its key, and how calls to it are protected (timeouts, retries
/// with exponential backoff and jitter that honour <c>Retry-After</c>, a rate limit and a circuit breaker).
/// Each provider binds its own section, e.g. <c>Providers:Gemini</c>.
/// </summary>
public abstract class ProviderHttpOptions
{
    /// <summary>The API's base address, e.g. https://generativelanguage.googleapis.com. Tests point it at a loopback stub.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>The API key. Only from configuration or environment; never logged, never written to a manifest.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Limit for one HTTP attempt. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Limit for a call including all its retries. Default 3 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "02:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries after the first attempt on 408, 429, 5xx and network errors. Default 3 (1 s, 2 s, 4 s).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff; it doubles each retry, with jitter. A <c>Retry-After</c> from the server wins. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether a POST is retried after a 5xx or a timeout as well as after 429. True suits calls that cost nothing when
    /// repeated (Gemini's generateContent); the render backends set it false, because a POST that timed out may already
    /// have started a paid job, and only a 429 says the provider did nothing.
    /// </summary>
    public bool RetryPostOnServerError { get; set; } = true;

    /// <summary>Requests per minute this process sends (every attempt counts); 0 means no limit. Callers queue, not fail.</summary>
    [Range(0, 100_000)]
    public int RequestsPerMinute { get; set; }

    /// <summary>Share of failed calls within <see cref="BreakerSamplingDuration"/> that opens the breaker. Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within the sampling window before the breaker may open. Default 10.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Window the breaker looks at. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker fails calls at once before letting one through. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
