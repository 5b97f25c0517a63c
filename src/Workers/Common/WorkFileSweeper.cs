using AiProd.Assets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Common;

/// <summary>
/// At a worker's start-up, deletes the scratch files of steps that died with an earlier process on this machine and
/// were last written more than <see cref="WorkerOptions.StaleWorkAfter"/> ago (longer than any step runs), so a killed
/// worker's files do not stay for ever. Runs once, in the background; a host without an asset store does nothing.
/// </summary>
internal sealed class WorkFileSweeper(IServiceProvider services, IOptions<WorkerOptions> options, ILogger<WorkFileSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<IAssetStore>() is not { } store)
            return;
        await Task.Yield();
        try
        {
            var removed = await store.DeleteStaleWorkAsync(options.Value.StaleWorkAfter, stoppingToken);
            if (removed > 0)
                logger.LogInformation("Deleted {Count} scratch file(s) and folder(s) left by steps that stopped over {Age} ago", removed, options.Value.StaleWorkAfter);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A sweep that cannot finish must not stop the worker; the steps clean their own leftovers when they run again.
            logger.LogWarning(ex, "The start-up sweep of old scratch files stopped early");
        }
    }
}
