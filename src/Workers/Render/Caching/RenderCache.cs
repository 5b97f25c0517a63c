using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text.Json;
using AiProd.Contracts;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Caching;

/// <summary>A clip already rendered and stored, that an identical shot may reuse instead of rendering (and paying) again.</summary>
/// <param name="AssetUri">Where the clip is stored.</param>
/// <param name="DurationSeconds">Its measured length.</param>
/// <param name="Backend">The backend that rendered it.</param>
/// <param name="VideoId">The video it was rendered for.</param>
/// <param name="ClipName">Its name in that video's assets.</param>
public sealed record CachedClip(string AssetUri, double DurationSeconds, string Backend, Guid VideoId, string ClipName)
{
    /// <summary>The clip's index as its render step read it (copy mode), so a reuse stores it without reading the clip again; null otherwise.</summary>
    public StoredClipIndex? Index { get; init; }
}

/// <summary>
/// The render cache: clips by the content of the shot they show — everything a renderer reads (description, keyframes,
/// framing, movement, the transition it is cut for, duration and the whole technical spec) and the renderer's identity
/// (backend, model and output settings) — never by its id or place in the video, so the same shot in another version or
/// another video is found. At most <see cref="RenderCacheOptions.Entries"/> entries, the least recently used evicted
/// first; one per render worker process. Thread-safe. Lookups are counted (<c>aiprod_render_cache_lookups_total</c> by
/// <c>result</c>) for the hit ratio.
/// </summary>
public sealed class RenderCache
{
    public const string MeterName = "AiProd.Render";

    private static readonly JsonSerializerOptions KeyJson = new(JsonSerializerDefaults.Web);
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Lookups = Meter.CreateCounter<long>("aiprod_render_cache_lookups", description: "Render cache lookups by result (hit, miss).");

    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, CachedClip Clip)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, CachedClip Clip)> _recency = new();
    private readonly Lock _gate = new();
    private long _hits;
    private long _misses;

    public RenderCache(IOptions<RenderCacheOptions> options) => _capacity = options.Value.Entries;

    /// <summary>Whether lookups are made at all (<c>RenderCache:Entries</c> 0 turns the cache off).</summary>
    public bool Enabled => _capacity > 0;

    public int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Hits over lookups; 0 before the first lookup.</summary>
    public double HitRatio => Hits + Misses == 0 ? 0 : Hits / (double)(Hits + Misses);

    /// <summary>
    /// The cache key of <paramref name="shot"/> on a renderer of identity <paramref name="rendererIdentity"/>: SHA-256 of
    /// the shot's content with its id, scene and order left out, and of the identity.
    /// </summary>
    public static string KeyOf(Shot shot, string rendererIdentity)
    {
        ArgumentNullException.ThrowIfNull(shot);
        var content = shot with { ShotId = string.Empty, SceneIndex = 0, Order = 0 };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { renderer = rendererIdentity, shot = content }, KeyJson);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The clip stored under <paramref name="key"/>, now the most recently used; counts a hit or a miss.</summary>
    public bool TryGet(string key, out CachedClip clip)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                clip = node.Value.Clip;
                Interlocked.Increment(ref _hits);
                Lookups.Add(1, new KeyValuePair<string, object?>("result", "hit"));
                return true;
            }
        }

        clip = null!;
        Interlocked.Increment(ref _misses);
        Lookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        return false;
    }

    /// <summary>Stores <paramref name="clip"/> under <paramref name="key"/> (replacing what was there), evicting the least recently used entry when full.</summary>
    public void Add(string key, CachedClip clip)
    {
        if (!Enabled)
            return;
        lock (_gate)
        {
            if (_entries.Remove(key, out var old))
                _recency.Remove(old);
            _entries[key] = _recency.AddFirst((key, clip));
            while (_entries.Count > _capacity && _recency.Last is { } last)
            {
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
        }
    }

    /// <summary>Drops <paramref name="key"/>: its clip could not be read any more.</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var node))
                _recency.Remove(node);
        }
    }
}
