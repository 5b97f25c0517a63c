using AiProd.Providers.Caching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace AiProd.Providers.Gemini;

/// <summary>
/// The two Gemini caches. <see cref="Responses"/> holds validated generateContent answers keyed by a SHA-256 of the
/// model and the exact request body (direction and QA alike). <see cref="Scores"/> holds semantic QA score sets
/// ("consistency scores") keyed by a SHA-256 of the keyframe bytes and the plan, and lives a week: re-evaluating
/// the same composed video against the same plan is free and gives the same verdict, even after the answer cache
/// has expired or the prompt wording changed.
/// </summary>
public sealed class GeminiCaches(HybridCache cache, IOptions<GeminiOptions> options, ProviderCacheMetrics metrics)
{
    public CountedCache Responses { get; } = new("gemini-responses", cache, options.Value.ResponseCacheEntries, options.Value.ResponseCacheDuration, metrics);

    public CountedCache Scores { get; } = new("gemini-scores", cache, options.Value.ScoreCacheEntries, options.Value.ScoreCacheDuration, metrics);

    public IReadOnlyList<CacheSnapshot> Snapshot() => [Responses.Snapshot(), Scores.Snapshot()];
}
