using System.ComponentModel.DataAnnotations;
using AiProd.Providers.Download;
using AiProd.Providers.Http;

namespace AiProd.Workers.Render.Hosted;

/// <summary>
/// What the hosted render backends share on top of <see cref="ProviderHttpOptions"/>: the model, how the job is
/// followed (poll interval, longest wait) and where its output may be downloaded from, how big and how slowly.
/// Prices are not here: they live with the cost model in <c>Financial:PricesPerSecondUsd</c>.
/// </summary>
public abstract class RenderProviderOptions : ProviderHttpOptions
{
    /// <summary>Creating a job is not repeated after a 5xx or timeout (it may have started, and it is paid); only after 429.</summary>
    protected RenderProviderOptions() => RetryPostOnServerError = false;

    /// <summary>The provider's model id.</summary>
    [Required]
    public string Model { get; set; } = "";

    /// <summary>Time between two status polls of a running job.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest a job may run before it is cancelled and the next backend is tried. Default 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "02:00:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Comma-separated hosts the output may be downloaded from ("*.example.com" allows subdomains); https only,
    /// public addresses only (see <see cref="ProviderDownloader"/>). Each provider sets its documented default.
    /// </summary>
    [Required]
    public string AllowedDownloadHosts { get; set; } = "";

    /// <summary>Largest output accepted, in bytes. Default 200 MB.</summary>
    [Range(1_024L, 10_000_000_000L)]
    public long MaxDownloadBytes { get; set; } = 200_000_000;

    /// <summary>Longest a download may take, redirects included. Default 2 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The download limits as the downloader takes them.</summary>
    public DownloadPolicy Downloads => new(DownloadOptions.Split(AllowedDownloadHosts), MaxDownloadBytes, DownloadTimeout);
}
