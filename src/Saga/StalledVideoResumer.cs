using AiProd.Contracts;
using AiProd.Saga.Outbox;
using AiProd.SagaStore;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Saga;

/// <summary>
/// Resumes videos whose step deadline was lost. Every <see cref="PipelineOptions.StalledSweepInterval"/>, one store
/// query for the videos whose deadline fell due more than <see cref="PipelineOptions.StalledAfter"/> ago
/// (<see cref="VideoState.StepDeadlineDueUnixMs"/>) and whose outbox is empty (what is left there is the outbox
/// sweep's). A delivered deadline always moves that time on, so such a video waits for a message nobody will deliver:
/// its commands, its events and its deadline were lost with the transport (a Pub/Sub emulator restarted; real Pub/Sub
/// keeps them). Each is claimed with one version-checked write, its deadline pushed back by
/// <see cref="PipelineOptions.StepDeadline"/> and a <see cref="VideoResumeRequested"/> put in its outbox, so that of
/// several orchestrators one resumes it; then the resume is sent. The saga sends the stage's commands again (workers
/// answer from what they stored) and arms a fresh deadline; a resume never counts as a resend.
/// </summary>
public sealed class StalledVideoResumer(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<StalledVideoResumer> logger) : BackgroundService
{
    private const int BatchSize = 200;

    // Waits first: deadlines that fell due while no orchestrator ran are still in the saga's subscription.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        HostStart.RepeatAsync(
            lifetime,
            time,
            () => options.Value.StalledSweepInterval,
            waitFirst: true,
            (_, cancellationToken) => ResumeStalledAsync(cancellationToken),
            ex => logger.LogWarning(ex, "Looking for stalled videos failed; trying again in {Interval}", options.Value.StalledSweepInterval),
            stoppingToken);

    /// <summary>Resumes every video whose step deadline is overdue by more than <see cref="PipelineOptions.StalledAfter"/>; returns how many.</summary>
    public async Task<int> ResumeStalledAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        if (scope.ServiceProvider.GetService<ISagaDocumentStore<VideoState>>() is not { } store)
            return 0;
        var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        var send = scope.ServiceProvider.GetRequiredService<ISendEndpointProvider>();
        var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();

        var now = time.GetUtcNow();
        var overdue = await store.FindAtMostAsync(
            nameof(VideoState.StepDeadlineDueUnixMs), (now - options.Value.StalledAfter).ToUnixTimeMilliseconds(), BatchSize, cancellationToken);
        var resumed = 0;
        foreach (var video in overdue)
        {
            if (video.Outbox.Count > 0 || video.CurrentState is VideoStages.Complete or VideoStages.Failed)
                continue;
            var due = DateTimeOffset.FromUnixTimeMilliseconds(video.StepDeadlineDueUnixMs!.Value);
            var stage = StageLog.StageOf(video);
            var resume = OutboxMessage.For(new VideoResumeRequested(video.CorrelationId, video.StageAttempt, stage), RoleEndpoints.SagaAddress);
            SagaOutbox.Add(video, resume, now);
            video.StepDeadlineDueUnixMs = (now + options.Value.StepDeadline).ToUnixTimeMilliseconds();
            try
            {
                await store.UpdateAsync(video, cancellationToken);
            }
            catch (ConcurrencyException)
            {
                // The saga moved it meanwhile, or another orchestrator claimed it: either way not ours to resume.
                continue;
            }

            logger.LogWarning("Video {VideoId} has waited in {Stage} (attempt {Attempt}) since its step deadline fell due at {Due}: resuming it",
                video.CorrelationId, stage, video.StageAttempt, due);
            await dispatcher.DispatchAsync(video, [resume.MessageId], send, publish, cancellationToken);
            resumed++;
        }

        return resumed;
    }
}
