using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using MassTransit;
using MassTransit.Saga;

namespace AiProd.SagaStore.Firestore.Saga;

/// <summary>
/// Creates the repository contexts MassTransit runs saga messages, loads and queries in; one database context
/// (and so one set of remembered versions) per message. A saga message's load starts from the store's
/// <see cref="SagaDocumentCache"/>; queries and operator loads always read Firestore.
/// </summary>
public sealed class FirestoreSagaRepositoryContextFactory<TSaga>(
    FirestoreSagaStore<TSaga> store,
    ISagaConsumeContextFactory<FirestoreSagaDatabaseContext<TSaga>, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class => next.Send(new FirestoreSagaRepositoryContext<TSaga, T>(store.NewContext(readCached: true), context, factory));

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        var database = store.NewContext();
        var repositoryContext = new FirestoreSagaRepositoryContext<TSaga, T>(database, context, factory);
        var instances = await database.Scan(query.FilterExpression.Compile(), context.CancellationToken).ConfigureAwait(false);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances)).ConfigureAwait(false);
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class => asyncMethod(new FirestoreSagaRepositoryContext<TSaga>(store.NewContext(), cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class => asyncMethod(new FirestoreSagaRepositoryContext<TSaga>(store.NewContext(), cancellationToken));

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "firestore");
        context.Add("collection", store.Documents.CollectionPath);
    }
}

/// <summary>The shared pieces of one saga type's store: its collection's client, its document mapper and its document cache.</summary>
public sealed class FirestoreSagaStore<TSaga>(FirestoreDocuments documents, SagaDocumentMapper<TSaga> mapper) : IDisposable
    where TSaga : class, ISagaVersion
{
    public FirestoreDocuments Documents { get; } = documents;

    public SagaDocumentMapper<TSaga> Mapper { get; } = mapper;

    /// <summary>The versions this process last wrote or read, for the saga repository's loads.</summary>
    public SagaDocumentCache Cache { get; } = new(documents.Options.DocumentCacheEntries);

    /// <summary>A context for one message or call; with <paramref name="readCached"/> its loads start from <see cref="Cache"/>.</summary>
    public FirestoreSagaDatabaseContext<TSaga> NewContext(bool readCached = false) => new(Documents, Mapper, Cache, readCached);

    public void Dispose() => Documents.Dispose();
}
