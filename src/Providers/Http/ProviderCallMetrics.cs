using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiProd.Providers.Http;

/// <summary>
/// Calls to a provider as the caller sees them, retries included (meter <c>AiProd.Providers</c>):
/// <c>aiprod_provider_calls</c> tagged provider and outcome (<c>ok</c>, <c>http_4xx</c>, <c>http_5xx</c>, <c>error</c>),
/// and <c>aiprod_provider_call_duration_seconds</c> tagged provider.
/// </summary>
internal sealed class ProviderCallMetrics(string provider) : DelegatingHandler
{
    private static readonly Meter Meter = new(Caching.ProviderCacheMetrics.MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("aiprod_provider_calls", "{call}", "Calls to an external provider; tags provider, outcome.");

    private static readonly Histogram<double> Latency = Meter.CreateHistogram(
        "aiprod_provider_call_duration_seconds", "s", "Time of a provider call, retries included; tag provider.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            outcome = status < 400 ? "ok" : status < 500 ? "http_4xx" : "http_5xx";
            return response;
        }
        finally
        {
            var tag = new KeyValuePair<string, object?>("provider", provider);
            Calls.Add(1, tag, new KeyValuePair<string, object?>("outcome", outcome));
            Latency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
        }
    }
}
