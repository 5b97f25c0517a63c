using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.V1;
using MassTransit;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace AiProd.SagaStore.Firestore.Saga;

/// <summary>
/// The saga operations for one message (or one load/query): it remembers the update time of every document it
/// read, so the update that follows is a compare-and-swap on exactly that version. Every document it reads or writes
/// goes to the store's <see cref="SagaDocumentCache"/>; with <c>readCached</c> (the saga's messages) a load starts
/// from there, and a lost compare-and-swap drops the copy so the retry reads Firestore.
/// </summary>
public sealed class FirestoreSagaDatabaseContext<TSaga>(
    FirestoreDocuments documents, SagaDocumentMapper<TSaga> mapper, SagaDocumentCache? cache = null, bool readCached = false)
    where TSaga : class, ISagaVersion
{
    private const int ScanPageSize = 300;
    private readonly Dictionary<Guid, (Timestamp UpdateTime, Timestamp? CreatedAt)> _read = [];

    /// <summary>Creates the document; <see cref="FirestoreSagaConcurrencyException"/> when it already exists.</summary>
    public async Task Insert(TSaga instance, CancellationToken cancellationToken)
    {
        var fields = mapper.ToFields(instance);
        try
        {
            var updateTime = await documents.CreateAsync(Id(instance.CorrelationId), fields, cancellationToken).ConfigureAwait(false);
            _read[instance.CorrelationId] = (updateTime, fields[SagaDocumentMapper.CreatedAtField].TimestampValue);
            Written(instance.CorrelationId, fields, updateTime);
        }
        catch (FirestorePreconditionFailedException e)
        {
            throw Conflict(instance.CorrelationId, "it already exists", e);
        }
    }

    public async Task<TSaga?> Load(Guid correlationId, CancellationToken cancellationToken)
    {
        var id = Id(correlationId);
        if (readCached && cache is not null && cache.TryGet(id, out var known))
            return Remember(correlationId, known);
        var document = await documents.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            cache?.Forget(id);
            return null;
        }

        cache?.Put(id, document);
        return Remember(correlationId, document);
    }

    /// <summary>
    /// Writes the instance with its version incremented, only if the stored document is the one it was loaded from
    /// (or, for an instance this context did not load, still has the instance's version).
    /// </summary>
    public async Task Update(TSaga instance, CancellationToken cancellationToken)
    {
        var id = instance.CorrelationId;
        if (!_read.TryGetValue(id, out var read))
        {
            var current = await documents.GetAsync(Id(id), cancellationToken).ConfigureAwait(false);
            if (current is null)
                throw Conflict(id, "it was deleted", null);
            if (!current.Fields.TryGetValue(SagaDocumentMapper.VersionField, out var stored) || stored.IntegerValue != instance.Version)
                throw Conflict(id, $"the stored version is not {instance.Version}", null);
            read = (current.UpdateTime, CreatedAt(current));
        }

        instance.Version++;
        try
        {
            var fields = mapper.ToFields(instance, read.CreatedAt);
            var updateTime = await documents.UpdateAsync(Id(id), fields, read.UpdateTime, cancellationToken).ConfigureAwait(false);
            _read[id] = (updateTime, read.CreatedAt);
            Written(id, fields, updateTime);
        }
        catch (FirestorePreconditionFailedException e)
        {
            cache?.Forget(Id(id));
            instance.Version--;
            throw Conflict(id, "it changed since it was loaded", e);
        }
    }

    public async Task Delete(TSaga instance, CancellationToken cancellationToken)
    {
        var id = instance.CorrelationId;
        try
        {
            cache?.Forget(Id(id));
            await documents.DeleteAsync(Id(id), _read.TryGetValue(id, out var read) ? read.UpdateTime : null, cancellationToken).ConfigureAwait(false);
            _read.Remove(id);
        }
        catch (FirestorePreconditionFailedException e)
        {
            throw Conflict(id, "it changed since it was loaded", e);
        }
    }

    /// <summary>
    /// Every instance matching <paramref name="predicate"/>. Firestore cannot run an arbitrary .NET expression, so
    /// this reads the whole collection page by page: fine for operator tools, not for a hot path.
    /// </summary>
    public async Task<List<TSaga>> Scan(Func<TSaga, bool> predicate, CancellationToken cancellationToken)
    {
        var matches = new List<TSaga>();
        string? after = null;
        while (true)
        {
            var page = await documents.QueryAsync(StructuredQueries.ByName(ScanPageSize, after), cancellationToken).ConfigureAwait(false);
            matches.AddRange(page.Select(mapper.FromDocument).Where(predicate));
            if (page.Count < ScanPageSize)
                return matches;
            after = page[^1].Name;
        }
    }

    private static string Id(Guid correlationId) => correlationId.ToString("D");

    private static Timestamp? CreatedAt(Document document) =>
        document.Fields.TryGetValue(SagaDocumentMapper.CreatedAtField, out var created) ? created.TimestampValue : null;

    /// <summary>What this context just wrote is the newest version: the next message of this saga starts from it.</summary>
    private void Written(Guid correlationId, Google.Protobuf.Collections.MapField<string, Value> fields, Timestamp updateTime)
    {
        if (cache is null || !cache.Enabled)
            return;
        var id = Id(correlationId);
        var document = new Document { Name = documents.NameOf(id), UpdateTime = updateTime };
        document.Fields.Add(fields);
        cache.Put(id, document);
    }

    private TSaga Remember(Guid correlationId, Document document)
    {
        _read[correlationId] = (document.UpdateTime, CreatedAt(document));
        return mapper.FromDocument(document);
    }

    private static FirestoreSagaConcurrencyException Conflict(Guid id, string why, Exception? inner)
    {
        var message = $"{typeof(TSaga).Name} {id} was not written: {why}.";
        return inner is null ? new(message, typeof(TSaga), id) : new(message, typeof(TSaga), id, inner);
    }
}
