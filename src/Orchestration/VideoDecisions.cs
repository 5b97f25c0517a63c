using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Outbox;
using AiProd.SagaStore;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Orchestration;

/// <summary>
/// Hands an approver's <see cref="ApproveVideo"/> or <see cref="RejectVideo"/> to the saga so that an acknowledged
/// decision is never lost: on a store that survives a crash it is put in the video's outbox (a version-checked write,
/// re-read on a conflict with the saga's own writes) and sent from there; if this process dies first, the
/// orchestrator's recovery sweep sends it. On the in-memory store it is sent straight to the saga's endpoint.
/// </summary>
public sealed class VideoDecisions(IServiceProvider services, IBus bus, TimeProvider time, ILogger<VideoDecisions> logger)
{
    private const int MaxConflicts = 10;
    private readonly ISagaDocumentStore<VideoState>? _store = services.GetService<ISagaDocumentStore<VideoState>>();

    /// <summary>Sends <paramref name="decision"/> (an <see cref="ApproveVideo"/> or <see cref="RejectVideo"/>) for <paramref name="videoId"/>.</summary>
    public async Task SendAsync(Guid videoId, object decision, CancellationToken cancellationToken)
    {
        if (decision is not (ApproveVideo or RejectVideo or EditPlan))
            throw new ArgumentException("Only ApproveVideo, RejectVideo and EditPlan are decisions.", nameof(decision));
        if (_store is null)
        {
            var saga = await bus.GetSendEndpoint(RoleEndpoints.SagaAddress);
            await saga.Send(decision, decision.GetType(), cancellationToken);
            return;
        }

        var entry = OutboxMessage.For(decision, RoleEndpoints.SagaAddress);
        var video = await StoreAsync(videoId, entry, cancellationToken);
        try
        {
            await services.GetRequiredService<OutboxDispatcher>().DispatchAsync(video, [entry.MessageId], bus, bus, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The decision on video {VideoId} is stored; it waits in the outbox for the orchestrator", videoId);
        }
    }

    private async Task<VideoState> StoreAsync(Guid videoId, OutboxMessage entry, CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            var video = await _store!.LoadAsync(videoId, cancellationToken)
                ?? throw new InvalidOperationException($"Video {videoId} is not in the store.");
            SagaOutbox.Add(video, entry, time.GetUtcNow());
            try
            {
                await _store.UpdateAsync(video, cancellationToken);
                return video;
            }
            catch (ConcurrencyException) when (conflicts < MaxConflicts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 + Random.Shared.Next(40)), cancellationToken);
            }
        }
    }
}
