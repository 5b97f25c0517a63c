using System.Collections.Concurrent;

namespace AiProd.Auth;

/// <summary>
/// Verified keys remembered for a short time (the duration given), so a busy caller's key is not read from the store on every
/// request. Only successes are kept, by the whole secret (a wrong secret for a real id is never answered from here). A
/// key revoked through the same <see cref="ApiKeys"/> (this process) is forgotten at once; one revoked elsewhere (the
/// CLI, another replica) stops working within that time. A zero duration turns the cache off.
/// </summary>
public sealed class ApiKeyCache
{
    /// <summary>At most this many keys are remembered; past it the cache starts over (each key is one store read again).</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset Until)> _verified = new(StringComparer.Ordinal);
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

    /// <summary>The live key this secret belongs to, or null; as <see cref="ApiKeys.VerifyAsync"/>, at most <c>duration</c> old.</summary>
    public async Task<ApiKey?> VerifyAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (_duration <= TimeSpan.Zero)
            return await _keys.VerifyAsync(secret, cancellationToken);
        var now = _time.GetUtcNow();
        if (_verified.TryGetValue(secret, out var entry) && entry.Until > now)
            return entry.Key;

        var key = await _keys.VerifyAsync(secret, cancellationToken);
        if (key is null)
        {
            _verified.TryRemove(secret, out _);
            return null;
        }

        if (_verified.Count >= MaxEntries)
            _verified.Clear();
        _verified[secret] = (key, now + _duration);
        return key;
    }

    private void Forget(string keyId)
    {
        foreach (var (secret, entry) in _verified)
        {
            if (entry.Key.Id == keyId)
                _verified.TryRemove(secret, out _);
        }
    }
}
