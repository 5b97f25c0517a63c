using AiProd.SagaStore.Firestore.Documents;
using MassTransit;

namespace AiProd.SagaStore.Firestore.Saga;

/// <summary>
/// The shared <see cref="ISagaDocumentStore{TSaga}"/> contract on Firestore, one context per call: an update is
/// checked against the version the instance carries; an oversize document is reported as
/// <see cref="SagaDocumentTooLargeException"/>, a lost race as <see cref="FirestoreSagaConcurrencyException"/>.
/// </summary>
public sealed class FirestoreSagaDocumentStore<TSaga>(FirestoreSagaStore<TSaga> store) : ISagaDocumentStore<TSaga>
    where TSaga : class, ISagaVersion
{
    public Task InsertAsync(TSaga instance, CancellationToken cancellationToken = default) =>
        Sized(instance, () => store.NewContext().Insert(instance, cancellationToken));

    public Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken cancellationToken = default) =>
        store.NewContext().Load(correlationId, cancellationToken);

    public Task UpdateAsync(TSaga instance, CancellationToken cancellationToken = default) =>
        Sized(instance, () => store.NewContext().Update(instance, cancellationToken));

    public async Task DeleteAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        var context = store.NewContext();
        if (await context.Load(correlationId, cancellationToken) is { } instance)
            await context.Delete(instance, cancellationToken);
    }

    public async Task<IReadOnlyList<TSaga>> FindAtMostAsync(string property, long atMost, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var query = StructuredQueries.AtMost(store.Mapper.FieldName(property), atMost, limit);
        var documents = await store.Documents.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return [.. documents.Select(store.Mapper.FromDocument)];
    }

    public async Task<IReadOnlyList<TSaga>> FindAsync(Func<TSaga, bool> predicate, CancellationToken cancellationToken = default) =>
        await store.NewContext().Scan(predicate, cancellationToken);

    private static async Task Sized(TSaga instance, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (FirestoreDocumentTooLargeException e)
        {
            throw new SagaDocumentTooLargeException(typeof(TSaga), instance.CorrelationId, e.SizeBytes, e.LimitBytes);
        }
    }
}
