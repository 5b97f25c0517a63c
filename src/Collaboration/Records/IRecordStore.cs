namespace AiProd.Collaboration.Records;

/// <summary>
/// Durable records of one kind (comments, audit entries): SQLite (a table of the gateway's file), a Firestore collection
/// with typed fields, or memory. Lists are ordered by <see cref="IStoredRecord.At"/>, then id.
/// </summary>
public interface IRecordStore<T>
    where T : class, IStoredRecord
{
    /// <summary>Stores a new record; an <see cref="InvalidOperationException"/> when its id exists already.</summary>
    Task CreateAsync(T record, CancellationToken cancellationToken = default);

    Task<T?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored record (same id); false when there is none. Append-only stores refuse it.</summary>
    Task<bool> ReplaceAsync(T record, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> records of <paramref name="partition"/> (null: all), newest first.</summary>
    Task<IReadOnlyList<T>> ListAsync(string? partition, int limit, CancellationToken cancellationToken = default);
}
