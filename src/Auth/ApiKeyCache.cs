using System.Collections.Concurrent;

namespace AiProd.Auth;

/// <summary>
/// Verified keys remembered so a busy caller's key is not read and checked in full on every request. Only successes
/// are kept, by the SHA-256 of the whole secret (never the secret itself; a wrong secret for a real id is never
/// answered from here). On a store with a change stamp (<see cref="IApiKeyStore.ChangeStampAsync"/>: SQLite, memory)
/// an entry holds only while the stamp is the one read before the key was: every request reads the stamp, and any
/// write to the keys by any process (a revoke with the CLI, another replica) empties the cache, so a revoked key is
/// refused at its next request. On a store without one (Firestore) entries age out after the duration given, and a
/// zero duration turns the cache off there. A key revoked through the same <see cref="ApiKeys"/> is forgotten at once.
/// </summary>
public sealed class ApiKeyCache
{
    /// <summary>At most this many keys are remembered; past it the cache starts over (each key is one store read again).</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _verified = new(StringComparer.Ordinal);
    private readonly ApiKeys _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;

    public ApiKeyCache(ApiKeys keys, TimeProvider time, TimeSpan duration)
    {
        _keys = keys;
        _time = time;
        _duration = duration;
        keys.Revoked += Forget;
    }

    /// <summary>The live key this secret belongs to, or null; as <see cref="ApiKeys.VerifyAsync"/>.</summary>
    public async Task<ApiKey?> VerifyAsync(string secret, CancellationToken cancellationToken = default)
    {
        // Read before the key: a write that lands between the two changes the stamp, so this entry is never used.
        var stamp = await _keys.ChangeStampAsync(cancellationToken);
        if (stamp is null && _duration <= TimeSpan.Zero)
            return await _keys.VerifyAsync(secret, cancellationToken);

        var now = _time.GetUtcNow();
        var hash = ApiKeySecrets.Sha256Hex(secret);
        if (_verified.TryGetValue(hash, out var entry) && (stamp is null ? entry.Until > now : entry.Stamp == stamp))
            return entry.Key;

        var key = await _keys.VerifyAsync(secret, cancellationToken);
        if (key is null)
        {
            _verified.TryRemove(hash, out _);
            return null;
        }

        if (_verified.Count >= MaxEntries)
            _verified.Clear();
        _verified[hash] = new Entry(key, stamp, now + _duration);
        return key;
    }

    private void Forget(string keyId)
    {
        foreach (var (hash, entry) in _verified)
        {
            if (entry.Key.Id == keyId)
                _verified.TryRemove(hash, out _);
        }
    }

    private sealed record Entry(ApiKey Key, long? Stamp, DateTimeOffset Until);
}
