using AiProd.SagaStore;
using MassTransit;
using MassTransit.Saga;

namespace AiProd.SagaStore.Sqlite;

/// <summary>
/// MassTransit's entry point into the store (shaped like its DynamoDB persistence): a repository context per
/// consumed message, plus load and query contexts for <c>ILoadSagaRepository</c> and <c>IQuerySagaRepository</c>.
/// </summary>
public sealed class SqliteSagaRepositoryContextFactory<TSaga>(
    ISagaDocumentStore<TSaga> store,
    SqliteSagaRepositoryOptions<TSaga> options,
    SagaInstanceLocks<TSaga> locks,
    ISagaConsumeContextFactory<ISagaDocumentStore<TSaga>, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        using var repositoryContext = new SqliteSagaRepositoryContext<TSaga, T>(store, options, locks, context, factory);
        await next.Send(repositoryContext);
    }

    /// <summary>
    /// Events correlated by an expression rather than by id: SQLite cannot run the expression, so every row is read
    /// and filtered here. Fine for an embedded store; correlate by id where it matters.
    /// </summary>
    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        using var repositoryContext = new SqliteSagaRepositoryContext<TSaga, T>(store, options, locks, context, factory);
        var instances = await store.FindAsync(query.FilterExpression.Compile(), context.CancellationToken);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class => asyncMethod(new SqliteSagaRepositoryContext<TSaga>(store, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class => asyncMethod(new SqliteSagaRepositoryContext<TSaga>(store, cancellationToken));

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "sqlite");
        context.Add("table", options.TableName);
    }
}
