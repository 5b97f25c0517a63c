using AiProd.SagaStore;
using MassTransit;
using MassTransit.Context;
using MassTransit.Logging;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace AiProd.SagaStore.Sqlite;

/// <summary>
/// The repository as one consumed message sees it. It holds the instance's in-process lock from the first
/// Load/Add/Insert until it is disposed, after MassTransit has saved, updated or discarded the instance.
/// </summary>
public sealed class SqliteSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>, IDisposable
    where TSaga : class, ISagaVersion
    where TMessage : class
{
    private readonly ISagaDocumentStore<TSaga> _store;
    private readonly SqliteSagaRepositoryOptions<TSaga> _options;
    private readonly SagaInstanceLocks<TSaga> _locks;
    private readonly ConsumeContext<TMessage> _message;
    private readonly ISagaConsumeContextFactory<ISagaDocumentStore<TSaga>, TSaga> _factory;
    private readonly List<(Guid Id, IDisposable Lock)> _held = [];

    public SqliteSagaRepositoryContext(
        ISagaDocumentStore<TSaga> store,
        SqliteSagaRepositoryOptions<TSaga> options,
        SagaInstanceLocks<TSaga> locks,
        ConsumeContext<TMessage> message,
        ISagaConsumeContextFactory<ISagaDocumentStore<TSaga>, TSaga> factory)
        : base(message)
    {
        _store = store;
        _options = options;
        _locks = locks;
        _message = message;
        _factory = factory;
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance)
    {
        await Lock(instance.CorrelationId);
        return await _factory.CreateSagaConsumeContext(_store, _message, instance, SagaConsumeContextMode.Add);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        await Lock(instance.CorrelationId);
        try
        {
            await _store.InsertAsync(instance, CancellationToken);
            _message.LogInsert<TSaga, TMessage>(instance.CorrelationId);
            return await _factory.CreateSagaConsumeContext(_store, _message, instance, SagaConsumeContextMode.Insert);
        }
        catch (Exception ex)
        {
            // MassTransit's contract: a failed insert means "someone else created it", so the pipe loads it next.
            _message.LogInsertFault<TSaga, TMessage>(ex, instance.CorrelationId);
            return default!;
        }
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        await Lock(correlationId);
        var instance = await _store.LoadAsync(correlationId, CancellationToken);
        return instance is null
            ? default!
            : await _factory.CreateSagaConsumeContext(_store, _message, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context) => _store.InsertAsync(context.Saga, CancellationToken);

    public Task Update(SagaConsumeContext<TSaga> context) => _store.UpdateAsync(context.Saga, CancellationToken);

    /// <summary>Called for a completed saga; unless <c>DeleteCompleted</c>, its final state is kept as history.</summary>
    public Task Delete(SagaConsumeContext<TSaga> context) => _options.DeleteCompleted
        ? _store.DeleteAsync(context.Saga.CorrelationId, CancellationToken)
        : _store.UpdateAsync(context.Saga, CancellationToken);

    /// <summary>A new instance that never reached the store: kept only when it completed and history is wanted.</summary>
    public Task Discard(SagaConsumeContext<TSaga> context) => context.IsCompleted && !_options.DeleteCompleted
        ? _store.InsertAsync(context.Saga, CancellationToken)
        : Task.CompletedTask;

    /// <summary>Nothing was written for a read-only policy, so there is nothing to undo.</summary>
    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class => _factory.CreateSagaConsumeContext(_store, consumeContext, instance, mode);

    public void Dispose()
    {
        foreach (var (_, held) in _held)
            held.Dispose();
        _held.Clear();
    }

    private async Task Lock(Guid correlationId)
    {
        if (_held.Exists(h => h.Id == correlationId))
            return;
        _held.Add((correlationId, await _locks.AcquireAsync(correlationId, CancellationToken)));
    }
}

/// <summary>The repository outside a message: loads and queries for <c>ILoadSagaRepository</c> / <c>IQuerySagaRepository</c>.</summary>
public sealed class SqliteSagaRepositoryContext<TSaga>(ISagaDocumentStore<TSaga> _store, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    where TSaga : class, ISagaVersion
{
    public async Task<TSaga> Load(Guid correlationId) => (await _store.LoadAsync(correlationId, CancellationToken))!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var predicate = query.FilterExpression.Compile();
        var found = await _store.FindAsync(predicate, cancellationToken);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, found.Select(s => s.CorrelationId).ToList());
    }
}
