using System.Text.Json;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.V1;

namespace AiProd.Collaboration.Records;

/// <summary>
/// Records as documents of one Firestore collection, document id = record id, with typed fields from the record's CLR
/// types (timestamps, integers, doubles, maps; see <see cref="FieldSchema"/>). Lists are one query: <c>partition</c>
/// equal (when given), ordered by <c>at</c> descending — on real Firestore that needs the composite index
/// (partition ASC, at DESC, __name__ DESC) of each collection.
/// </summary>
public sealed class FirestoreRecordStore<T>(FirestoreDocuments documents, bool appendOnly = false) : IRecordStore<T>, IDisposable
    where T : class, IStoredRecord
{
    private static readonly FieldSchema Schema = FieldSchema.For(typeof(T), RecordJson.Options);

    public FirestoreDocuments Documents => documents;

    public async Task CreateAsync(T record, CancellationToken cancellationToken = default)
    {
        try
        {
            await documents.CreateAsync(record.Id, Fields(record), cancellationToken).ConfigureAwait(false);
        }
        catch (FirestorePreconditionFailedException e)
        {
            throw new InvalidOperationException($"A record with id {record.Id} exists already.", e);
        }
    }

    public async Task<T?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await documents.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } document ? Read(document) : null;

    public async Task<bool> ReplaceAsync(T record, CancellationToken cancellationToken = default)
    {
        if (appendOnly)
            throw new InvalidOperationException("This store is append-only.");
        if (await documents.GetAsync(record.Id, cancellationToken).ConfigureAwait(false) is not { } stored)
            return false;
        await documents.UpdateAsync(record.Id, Fields(record), stored.UpdateTime, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<T>> ListAsync(string? partition, int limit, CancellationToken cancellationToken = default)
    {
        var query = StructuredQueries.NewestFirst("at", limit, partition is null ? [] : [("partition", partition)]);
        var page = await documents.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return [.. page.Select(Read)];
    }

    public void Dispose() => documents.Dispose();

    private static Google.Protobuf.Collections.MapField<string, Value> Fields(T record) =>
        JsonValueMapper.ToMap(JsonSerializer.SerializeToElement(record, RecordJson.Options), Schema).Fields;

    private static T Read(Document document) =>
        JsonSerializer.Deserialize<T>(JsonValueMapper.ToJson(document.Fields), RecordJson.Options)
        ?? throw new InvalidOperationException("An empty record is stored.");
}
