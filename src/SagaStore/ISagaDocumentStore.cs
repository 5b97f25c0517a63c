using MassTransit;

namespace AiProd.SagaStore;

/// <summary>
/// The storage operations a saga repository needs, one document per instance, version-checked. Each store's
/// MassTransit glue and the shared conformance tests speak to this.
/// </summary>
public interface ISagaDocumentStore<TSaga>
    where TSaga : class, ISagaVersion
{
    /// <summary>Stores a new instance; a <see cref="ConcurrencyException"/> when its id is already present.</summary>
    Task InsertAsync(TSaga instance, CancellationToken cancellationToken = default);

    /// <summary>The stored instance with its stored version, or null.</summary>
    Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the instance if the stored version still equals <c>instance.Version</c>, which then becomes version + 1;
    /// otherwise a <see cref="ConcurrencyException"/> and <c>instance.Version</c> is left as it was.
    /// </summary>
    Task UpdateAsync(TSaga instance, CancellationToken cancellationToken = default);

    /// <summary>Removes the instance; nothing happens when it is absent.</summary>
    Task DeleteAsync(Guid correlationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> instances whose top-level whole-number property <paramref name="property"/>
    /// (its C# name, for example <c>OutboxSinceUnixMs</c>) is at most <paramref name="atMost"/>; instances where it is
    /// null or absent are left out. The store filters (a Firestore range query, a SQLite JSON filter), so only matches
    /// are read.
    /// </summary>
    Task<IReadOnlyList<TSaga>> FindAtMostAsync(string property, long atMost, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every instance matching <paramref name="predicate"/> (a scan: for query-correlated events and admin tools).</summary>
    Task<IReadOnlyList<TSaga>> FindAsync(Func<TSaga, bool> predicate, CancellationToken cancellationToken = default);
}
