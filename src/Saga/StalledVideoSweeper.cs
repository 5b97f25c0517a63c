using AiProd.Contracts;
using MassTransit;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Saga;

/// <summary>
/// Finds videos that made no progress for longer than <see cref="PipelineOptions.StepDeadline"/> — a lost
/// message, a dead worker, a process that restarted — and tells their saga with <see cref="StepDeadlinePassed"/>,
/// which sends the stage's commands again or, past the bound, fails the video. Runs at start-up and then every
/// <see cref="PipelineOptions.SweepInterval"/>.
/// </summary>
public sealed class StalledVideoSweeper(
    IServiceScopeFactory scopes,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<StalledVideoSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SweepStalledVideos)
            return;
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        var first = true;
        do
        {
            try
            {
                await SweepAsync(stoppingToken, resumeAll: first && options.Value.ResumeAllOnStart);
                first = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The stalled-video sweep failed; it runs again in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep; returns how many videos were nudged. <paramref name="resumeAll"/> ignores the deadline.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken, bool resumeAll = false)
    {
        using var scope = scopes.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<IQuerySagaRepository<VideoState>>();
        var load = scope.ServiceProvider.GetRequiredService<ILoadSagaRepository<VideoState>>();
        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();

        var before = resumeAll ? DateTimeOffset.MaxValue : time.GetUtcNow() - options.Value.StepDeadline;
        var ids = await query.Find(new SagaQuery<VideoState>(v =>
            v.CurrentState != VideoStages.Complete && v.CurrentState != VideoStages.Failed && v.CurrentState != null && v.UpdatedAt < before));

        var nudged = 0;
        foreach (var id in ids)
        {
            if (await load.Load(id) is not { } video)
                continue;
            var stage = StageLog.StageOf(video);
            logger.LogWarning("Video {VideoId} made no progress in {Stage} since {UpdatedAt}; sending its step again{Why}", id, stage, video.UpdatedAt, resumeAll ? " (resuming after a restart)" : "");
            await bus.Publish(new StepDeadlinePassed(id, video.StageAttempt, stage), cancellationToken);
            nudged++;
        }

        return nudged;
    }
}
