namespace AiProd.Auth;

/// <summary>Where API keys are kept: SQLite beside the saga, a Firestore collection, or memory.</summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key; an <see cref="InvalidOperationException"/> when its id exists already.</summary>
    Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default);

    Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every key, oldest first, revoked ones included.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the key revoked at <paramref name="at"/>; false when there is no such key. Revoking twice keeps the first time.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// A number that changes whenever any key is created, revoked or otherwise written, by any process on this store,
    /// read cheaply enough to ask on every request; null when this store cannot tell (then a cache must age out instead).
    /// </summary>
    ValueTask<long?> ChangeStampAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<long?>(null);
}
