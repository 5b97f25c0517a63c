using System.Collections.Concurrent;

namespace AiProd.Auth;

/// <summary>Keys that live as long as the process (<c>Saga:Store=InMemory</c>): only the bootstrap key is of use there.</summary>
public sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);
    private long _stamp;

    public Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        if (!_keys.TryAdd(key.Id, key))
            throw new InvalidOperationException($"An API key with id {key.Id} exists already.");
        Interlocked.Increment(ref _stamp);
        return Task.CompletedTask;
    }

    public Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(_keys.GetValueOrDefault(id));

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ApiKey>>([.. _keys.Values.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)]);

    public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        while (_keys.TryGetValue(id, out var key))
        {
            if (key.IsRevoked)
                return Task.FromResult(true);
            if (_keys.TryUpdate(id, key with { RevokedAt = at }, key))
            {
                Interlocked.Increment(ref _stamp);
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    public ValueTask<long?> ChangeStampAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<long?>(Interlocked.Read(ref _stamp));
}
