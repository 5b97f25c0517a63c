using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using MassTransit;
using MassTransit.Saga;

namespace AiProd.SagaStore.Firestore.Saga;

/// <summary>
/// Creates the repository contexts MassTransit runs saga messages, loads and queries in; one database context
/// (and so one set of remembered versions) per message.
/// </summary>
public sealed class FirestoreSagaRepositoryContextFactory<TSaga>(
    FirestoreSagaStore<TSaga> store,
    ISagaConsumeContextFactory<FirestoreSagaDatabaseContext<TSaga>, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class => next.Send(new FirestoreSagaRepositoryContext<TSaga, T>(store.NewContext(), context, factory));

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

/// <summary>The shared pieces of one saga type's store: its collection's client and its document mapper.</summary>
public sealed class FirestoreSagaStore<TSaga>(FirestoreDocuments documents, SagaDocumentMapper<TSaga> mapper) : IDisposable
    where TSaga : class, ISagaVersion
{
    public FirestoreDocuments Documents { get; } = documents;

    public SagaDocumentMapper<TSaga> Mapper { get; } = mapper;

    public FirestoreSagaDatabaseContext<TSaga> NewContext() => new(Documents, Mapper);

    public void Dispose() => Documents.Dispose();
}
