using Microsoft.Extensions.Hosting;

namespace AiProd.Saga;

/// <summary>Waits for the host to have started every hosted service (the bus among them) before a background job sends anything.</summary>
internal static class HostStart
{
    public static async Task WhenStartedAsync(IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = cancellationToken.Register(() => started.TrySetCanceled(cancellationToken));
        await started.Task;
    }
}
