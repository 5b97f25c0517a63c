using System.Collections.Concurrent;

namespace AiProd.Auth;

/// <summary>Keys that live as long as the process (<c>Saga:Store=InMemory</c>): only the bootstrap key is of use there.</summary>
public sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);

    public Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default) =>
        _keys.TryAdd(key.Id, key) ? Task.CompletedTask : throw new InvalidOperationException($"An API key with id {key.Id} exists already.");

    public Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(_keys.GetValueOrDefault(id));

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ApiKey>>([.. _keys.Values.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)]);

    public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        while (_keys.TryGetValue(id, out var key))
        {
            if (key.IsRevoked || _keys.TryUpdate(id, key with { RevokedAt = at }, key))
                return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }
}
