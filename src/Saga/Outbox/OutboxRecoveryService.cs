using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Saga.Outbox;

/// <summary>
/// Sends what a crash left in the outboxes: at start-up and then every <see cref="PipelineOptions.OutboxSweepInterval"/>,
/// the entries that have waited longer than <see cref="PipelineOptions.OutboxRecoveryAfter"/> (a live orchestrator
/// sends its own within milliseconds of the save). On a host whose transport keeps nothing across a restart
/// (<see cref="PipelineOptions.ResumeAllOnStart"/>), the first sweep takes everything pending: nothing else is running.
/// One store query a sweep, then one send per pending message; with several orchestrators a message may go out twice,
/// with the same message id.
/// </summary>
public sealed class OutboxRecoveryService(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<OutboxRecoveryService> logger) : BackgroundService
{
    private const int BatchSize = 200;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        HostStart.RepeatAsync(
            lifetime,
            time,
            () => options.Value.OutboxSweepInterval,
            waitFirst: false,
            (first, cancellationToken) =>
                SweepAsync(first && options.Value.ResumeAllOnStart ? TimeSpan.Zero : options.Value.OutboxRecoveryAfter, cancellationToken),
            ex => logger.LogWarning(ex, "Sending the pending outbox messages failed; trying again in {Interval}", options.Value.OutboxSweepInterval),
            stoppingToken);

    /// <summary>Sends every outbox entry pending for longer than <paramref name="grace"/>; returns how many were sent.</summary>
    public async Task<int> SweepAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IVideoOutboxStore>();
        var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        var send = scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>();
        var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();

        var sent = 0;
        var pending = await store.PendingSinceAsync(time.GetUtcNow() - grace, BatchSize, cancellationToken);
        foreach (var video in pending)
        {
            var count = await dispatcher.DispatchAsync(video, null, send, publish, cancellationToken);
            if (count > 0)
                logger.LogInformation("Sent {Count} message(s) video {VideoId} had left in its outbox", count, video.CorrelationId);
            sent += count;
        }

        return sent;
    }
}
