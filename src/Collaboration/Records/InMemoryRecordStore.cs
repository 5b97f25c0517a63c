using System.Collections.Concurrent;

namespace AiProd.Collaboration.Records;

/// <summary>Records in memory: nothing survives the process (with <c>Saga:Store=InMemory</c>).</summary>
public sealed class InMemoryRecordStore<T>(bool appendOnly = false) : IRecordStore<T>
    where T : class, IStoredRecord
{
    private readonly ConcurrentDictionary<string, T> _records = new(StringComparer.Ordinal);

    public Task CreateAsync(T record, CancellationToken cancellationToken = default) =>
        _records.TryAdd(record.Id, record) ? Task.CompletedTask : throw new InvalidOperationException($"A record with id {record.Id} exists already.");

    public Task<T?> GetAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(_records.GetValueOrDefault(id));

    public Task<bool> ReplaceAsync(T record, CancellationToken cancellationToken = default)
    {
        if (appendOnly)
            throw new InvalidOperationException("This store is append-only.");
        return Task.FromResult(_records.TryGetValue(record.Id, out var old) && _records.TryUpdate(record.Id, record, old));
    }

    public Task<IReadOnlyList<T>> ListAsync(string? partition, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<T>>([.. _records.Values.Where(r => partition is null || r.Partition == partition)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id, StringComparer.Ordinal).Take(limit)]);
}
