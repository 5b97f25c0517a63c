using System.Diagnostics.Metrics;

namespace AiProd.Providers.Caching;

/// <summary>
/// Cache hits and misses as OpenTelemetry-ready counters (meter <c>AiProd.Providers</c>, instruments
/// <c>aiprod.providers.cache.hits</c> and <c>aiprod.providers.cache.misses</c>, tagged with the cache name).
/// </summary>
public sealed class ProviderCacheMetrics
{
    public const string MeterName = "AiProd.Providers";

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;

    public ProviderCacheMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _hits = meter.CreateCounter<long>("aiprod.providers.cache.hits", "{lookup}", "Provider answers served from the cache.");
        _misses = meter.CreateCounter<long>("aiprod.providers.cache.misses", "{lookup}", "Provider answers that had to be fetched.");
    }

    /// <summary>Both counters of <paramref name="cache"/> at 0 from the start, so a hit ratio reads 0 hits, not nothing.</summary>
    public void Declare(string cache)
    {
        var tag = new KeyValuePair<string, object?>("cache", cache);
        _hits.Add(0, tag);
        _misses.Add(0, tag);
    }

    public void Record(string cache, bool hit) =>
        (hit ? _hits : _misses).Add(1, new KeyValuePair<string, object?>("cache", cache));
}
