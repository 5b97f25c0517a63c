using Microsoft.Extensions.Caching.Hybrid;

namespace AiProd.Providers.Caching;

/// <summary>What a cache has done so far: for logs, the status page and tests.</summary>
public sealed record CacheSnapshot(string Name, long Hits, long Misses, int Entries, int Capacity);

/// <summary>
/// One named region of the <see cref="HybridCache"/> with a real cap on its number of entries and hit/miss counts.
/// HybridCache sizes its local cache in bytes (and a <c>SizeLimit</c> on the shared memory cache makes it keep
/// nothing), so the cap is kept here: an LRU list of this region's keys, and the least recently used one is removed
/// from HybridCache when a new key would exceed <see cref="Capacity"/>. A miss is a call that ran the factory;
/// callers that joined a factory already running count as hits, since they did not reach the provider either.
/// </summary>
public sealed class CountedCache(string name, HybridCache cache, int capacity, TimeSpan duration, ProviderCacheMetrics metrics)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<string> _recent = new();
    private readonly Dictionary<string, LinkedListNode<string>> _nodes = new(StringComparer.Ordinal);
    private readonly HybridCacheEntryOptions _entry = new() { Expiration = duration, LocalCacheExpiration = duration };
    private long _hits;
    private long _misses;

    public string Name { get; } = Declared(name, metrics);

    public int Capacity { get; } = capacity;

    /// <summary>The cached value for <paramref name="key"/> (a content hash), or the factory's, which is then kept.</summary>
    /// <remarks>A factory that throws caches nothing: failures are never reused.</remarks>
    public async ValueTask<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken)
    {
        var ran = false;
        var value = await cache.GetOrCreateAsync(
            $"{Name}:{key}",
            factory,
            async (f, ct) =>
            {
                ran = true;
                return await f(ct);
            },
            _entry,
            cancellationToken: cancellationToken);

        if (ran)
            Interlocked.Increment(ref _misses);
        else
            Interlocked.Increment(ref _hits);
        metrics.Record(Name, hit: !ran);

        if (Remember(key) is { } evicted)
            await cache.RemoveAsync($"{Name}:{evicted}", cancellationToken);
        return value;
    }

    public CacheSnapshot Snapshot()
    {
        lock (_gate)
            return new CacheSnapshot(Name, Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), _nodes.Count, Capacity);
    }

    /// <summary>Marks <paramref name="key"/> most recently used; returns the key that fell off the end, if any.</summary>
    private string? Remember(string key)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return null;
            }

            _nodes[key] = _recent.AddFirst(key);
            if (_nodes.Count <= Capacity)
                return null;
            var last = _recent.Last!;
            _recent.RemoveLast();
            _nodes.Remove(last.Value);
            return last.Value;
        }
    }

    private static string Declared(string name, ProviderCacheMetrics metrics)
    {
        metrics.Declare(name);
        return name;
    }
}
