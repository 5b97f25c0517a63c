using AiProd.Providers.Http;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Render.Hosted;

/// <summary>Follows a provider's job until it ends, and cancels it on the provider when we stop following it.</summary>
internal static class Polling
{
    /// <summary>
    /// Calls <paramref name="poll"/> every <paramref name="interval"/> until it returns a result. When we give up —
    /// <paramref name="maxWait"/> passed (<c>provider_timeout</c>) or a poll failed — the remote job is cancelled (best
    /// effort, bounded) so it is neither left running nor billed for nothing. When the caller stops (a worker shutting
    /// down) it is cancelled too unless <paramref name="resumable"/>: a job recorded in the render journal is left running
    /// for the redelivered command to follow.
    /// </summary>
    public static async Task<T> UntilAsync<T>(
        string provider,
        TimeSpan interval,
        TimeSpan maxWait,
        Func<CancellationToken, Task<T?>> poll,
        Func<CancellationToken, Task>? cancelRemote,
        ILogger logger,
        CancellationToken cancellationToken,
        bool resumable = false)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(maxWait);
        try
        {
            while (true)
            {
                if (await poll(deadline.Token) is { } done)
                    return done;
                await Task.Delay(interval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                if (!resumable)
                    await CancelAsync(provider, cancelRemote, logger);
                throw;
            }

            await CancelAsync(provider, cancelRemote, logger);
            throw new ProviderException(provider, "provider_timeout", $"the job did not finish within {maxWait} and was cancelled", true);
        }
        catch (ProviderException ex) when (ex.Retryable)
        {
            // We stop following a job that may still be running: stop it too.
            await CancelAsync(provider, cancelRemote, logger);
            throw;
        }
    }

    private static async Task CancelAsync(string provider, Func<CancellationToken, Task>? cancelRemote, ILogger logger)
    {
        if (cancelRemote is null)
            return;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await cancelRemote(bound.Token);
        }
        catch (Exception ex) when (ex is ProviderException or OperationCanceledException)
        {
            logger.LogWarning("Could not cancel the {Provider} job: {Reason}", provider, ex.Message);
        }
    }
}
