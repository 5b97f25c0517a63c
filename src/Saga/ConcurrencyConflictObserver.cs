using MassTransit;

namespace AiProd.Saga;

/// <summary>Counts each saga write the store refused for a concurrency conflict (<see cref="PipelineMetrics.ConcurrencyConflict"/>).</summary>
internal sealed class ConcurrencyConflictObserver : IRetryObserver
{
    public Task PostCreate<T>(RetryPolicyContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task PostFault<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        if (context.Exception is ConcurrencyException conflict)
            PipelineMetrics.ConcurrencyConflict(conflict.GetType().Name.Replace("SagaConcurrencyException", string.Empty, StringComparison.Ordinal).ToLowerInvariant() is { Length: > 0 } s ? s : "store");
        return Task.CompletedTask;
    }

    public Task PreRetry<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task RetryFault<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task RetryComplete<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;
}
