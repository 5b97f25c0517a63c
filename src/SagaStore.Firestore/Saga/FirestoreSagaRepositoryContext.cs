using MassTransit;
using MassTransit.Context;
using MassTransit.Logging;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace AiProd.SagaStore.Firestore.Saga;

/// <summary>The saga repository as one message sees it: insert if absent, load, version-checked update, delete.</summary>
public sealed class FirestoreSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISagaVersion
    where TMessage : class
{
    private readonly FirestoreSagaDatabaseContext<TSaga> _database;
    private readonly ConsumeContext<TMessage> _consumeContext;
    private readonly ISagaConsumeContextFactory<FirestoreSagaDatabaseContext<TSaga>, TSaga> _factory;

    public FirestoreSagaRepositoryContext(
        FirestoreSagaDatabaseContext<TSaga> database,
        ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<FirestoreSagaDatabaseContext<TSaga>, TSaga> factory)
        : base(consumeContext)
    {
        _database = database;
        _consumeContext = consumeContext;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_database, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        try
        {
            await _database.Insert(instance, CancellationToken).ConfigureAwait(false);
            _consumeContext.LogInsert<TSaga, TMessage>(instance.CorrelationId);
            return await _factory.CreateSagaConsumeContext(_database, _consumeContext, instance, SagaConsumeContextMode.Insert).ConfigureAwait(false);
        }
        catch (FirestoreSagaConcurrencyException e)
        {
            // Someone else created it first: MassTransit then loads the stored instance instead.
            _consumeContext.LogInsertFault<TSaga, TMessage>(e, instance.CorrelationId);
            return null!;
        }
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _database.Load(correlationId, CancellationToken).ConfigureAwait(false);
        return instance is null
            ? null!
            : await _factory.CreateSagaConsumeContext(_database, _consumeContext, instance, SagaConsumeContextMode.Load).ConfigureAwait(false);
    }

    /// <summary>Saves a new instance; a concurrent creation of the same id surfaces as a concurrency exception, so the message is retried.</summary>
    public Task Save(SagaConsumeContext<TSaga> context) => _database.Insert(context.Saga, CancellationToken);

    public Task Update(SagaConsumeContext<TSaga> context) => _database.Update(context.Saga, CancellationToken);

    public Task Delete(SagaConsumeContext<TSaga> context) => _database.Delete(context.Saga, CancellationToken);

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class => _factory.CreateSagaConsumeContext(_database, consumeContext, instance, mode);
}

/// <summary>The repository outside a message: load by id and query, for <see cref="ILoadSagaRepository{TSaga}"/> and <see cref="IQuerySagaRepository{TSaga}"/>.</summary>
public sealed class FirestoreSagaRepositoryContext<TSaga>(FirestoreSagaDatabaseContext<TSaga> database, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    where TSaga : class, ISagaVersion
{
    public async Task<TSaga> Load(Guid correlationId) =>
        (await database.Load(correlationId, CancellationToken).ConfigureAwait(false))!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var matches = await database.Scan(query.FilterExpression.Compile(), cancellationToken).ConfigureAwait(false);
        return new LoadedSagaRepositoryQueryContext<TSaga>(this, matches);
    }
}
