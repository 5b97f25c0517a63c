using AiProd.Contracts;
using MassTransit;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Saga;

/// <summary>
/// Once at start-up, asks the saga to resume every unfinished video with <see cref="VideoResumeRequested"/>: for a
/// host whose transport keeps nothing across a restart (the in-memory bus), where the commands in flight and the
/// scheduled step deadlines died with the process. One query, then one message per video; nothing runs after that.
/// Acts only when <see cref="PipelineOptions.ResumeAllOnStart"/> is on. Registered by
/// <see cref="VideoSagaRegistrationExtensions.AddVideoResumeOnStart"/>.
/// </summary>
public sealed class UnfinishedVideoResumer(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<PipelineOptions> options,
    ILogger<UnfinishedVideoResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ResumeAllOnStart)
            return;
        try
        {
            // Once every hosted service has started, the bus and the saga's endpoint are up to receive what we publish.
            await HostStart.WhenStartedAsync(lifetime, stoppingToken);
            await ResumeAllAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Resuming the unfinished videos failed; they stay where they are until the next start");
        }
    }

    /// <summary>Publishes <see cref="VideoResumeRequested"/> for every video not in Complete or Failed; returns how many.</summary>
    public async Task<int> ResumeAllAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<IQuerySagaRepository<VideoState>>();
        var load = scope.ServiceProvider.GetRequiredService<ILoadSagaRepository<VideoState>>();
        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();

        var ids = await query.Find(new SagaQuery<VideoState>(v =>
            v.CurrentState != null && v.CurrentState != VideoStages.Complete && v.CurrentState != VideoStages.Failed));

        var resumed = 0;
        foreach (var id in ids)
        {
            if (await load.Load(id) is not { } video)
                continue;
            var stage = StageLog.StageOf(video);
            logger.LogInformation("Resuming video {VideoId} in {Stage} (attempt {Attempt}) after a restart", id, stage, video.StageAttempt);
            await bus.Publish(new VideoResumeRequested(id, video.StageAttempt, stage), cancellationToken);
            resumed++;
        }

        return resumed;
    }
}
