using Microsoft.Extensions.Hosting;

namespace AiProd.Saga;

/// <summary>How the orchestrator's background jobs wait for the host and repeat their sweeps.</summary>
internal static class HostStart
{
    /// <summary>Waits for the host to have started every hosted service (the bus among them) before a job sends anything.</summary>
    public static async Task WhenStartedAsync(IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = cancellationToken.Register(() => started.TrySetCanceled(cancellationToken));
        await started.Task;
    }

    /// <summary>
    /// Once the host has started, runs <paramref name="sweep"/> (told whether it is the first run) every
    /// <paramref name="interval"/> until the host stops, waiting first when <paramref name="waitFirst"/>. A failed
    /// sweep is reported to <paramref name="failed"/> and tried again at the next interval.
    /// </summary>
    public static async Task RepeatAsync(
        IHostApplicationLifetime lifetime,
        TimeProvider time,
        Func<TimeSpan> interval,
        bool waitFirst,
        Func<bool, CancellationToken, Task> sweep,
        Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(lifetime, stoppingToken);
            for (var first = true; !stoppingToken.IsCancellationRequested; first = false)
            {
                if (waitFirst)
                    await Task.Delay(interval(), time, stoppingToken);
                try
                {
                    await sweep(first, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failed(ex);
                }

                if (!waitFirst)
                    await Task.Delay(interval(), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
