using MassTransit;

namespace AiProd.Saga;

/// <summary>Counts each saga write the store refused for a concurrency conflict (<see cref="PipelineMetrics.ConcurrencyConflict"/>).</summary>
internal sealed class ConcurrencyConflictObserver : IRetryObserver
{
    public ConcurrencyConflictObserver() => PipelineMetrics.StartCountingConflicts();

    public Task PostCreate<T>(RetryPolicyContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task PostFault<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        if (context.Exception is ConcurrencyException)
            PipelineMetrics.ConcurrencyConflict();
        return Task.CompletedTask;
    }

    public Task PreRetry<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task RetryFault<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task RetryComplete<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;
}
