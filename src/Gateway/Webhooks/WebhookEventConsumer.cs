using AiProd.Contracts;
using AiProd.Orchestration;
using MassTransit;

namespace AiProd.Gateway.Webhooks;

/// <summary>
/// Follows the public events on the bus (endpoint <c>webhooks</c>: one subscription shared by every gateway replica,
/// so each event is queued once) and queues them for the webhooks of the video's owner and the video's callback.
/// </summary>
public sealed class WebhookEventConsumer(WebhookQueue queue, VideoStatusReader reader) :
    IConsumer<VideoStateChanged>, IConsumer<ApprovalRequested>, IConsumer<VideoApproved>, IConsumer<VideoRejected>,
    IConsumer<VideoCompleted>, IConsumer<VideoFailed>
{
    public Task Consume(ConsumeContext<VideoStateChanged> context)
    {
        var m = context.Message;
        return QueueAsync(context, WebhookEventTypes.StateChanged, m.VideoId, m.Timestamp,
            new { videoId = m.VideoId, from = m.FromState, to = m.ToState, progressPercent = m.ProgressPercent, detail = m.Detail });
    }

    public Task Consume(ConsumeContext<ApprovalRequested> context)
    {
        var m = context.Message;
        return QueueAsync(context, WebhookEventTypes.ApprovalRequested, m.VideoId, m.Timestamp,
            new { videoId = m.VideoId, point = m.Point, version = m.Version, roles = m.Roles, dueAt = m.DueAt, onDeadline = m.OnDeadline, estimatedUsd = m.EstimatedUsd });
    }

    public Task Consume(ConsumeContext<VideoApproved> context)
    {
        var m = context.Message;
        return QueueAsync(context, WebhookEventTypes.Approved, m.VideoId, m.Decision.At, new { videoId = m.VideoId, decision = m.Decision, remainingRoles = m.RemainingRoles });
    }

    public Task Consume(ConsumeContext<VideoRejected> context)
    {
        var m = context.Message;
        return QueueAsync(context, WebhookEventTypes.Rejected, m.VideoId, m.Decision.At, new { videoId = m.VideoId, decision = m.Decision, nextVersion = m.NextVersion });
    }

    public Task Consume(ConsumeContext<VideoCompleted> context)
    {
        var m = context.Message;
        return QueueAsync(context, WebhookEventTypes.Completed, m.VideoId, m.CompletedAt, new
        {
            videoId = m.VideoId,
            durationSeconds = m.DurationSeconds,
            estimatedCostUsd = m.EstimatedCostUsd,
            actualCostUsd = m.ActualCostUsd,
            technicalChecksPassed = m.TechnicalChecksPassed,
            semanticScore = m.SemanticScore,
            links = new { self = $"/v1/videos/{m.VideoId}", content = $"/v1/videos/{m.VideoId}/content" },
        });
    }

    public Task Consume(ConsumeContext<VideoFailed> context)
    {
        var m = context.Message;
        return QueueAsync(context, WebhookEventTypes.Failed, m.VideoId, m.FailedAt,
            new { videoId = m.VideoId, stage = m.Error.Stage, code = m.Error.Code, message = m.Error.Message, retryable = m.Error.Retryable });
    }

    private async Task QueueAsync<T>(ConsumeContext<T> context, string type, Guid videoId, DateTimeOffset at, object data)
        where T : class
    {
        // The owner comes from the stored video; one that is not stored yet is retried by the endpoint's retry policy.
        var status = await reader.FindAsync(videoId, context.CancellationToken)
            ?? throw new InvalidOperationException($"The video {videoId} is not stored yet.");
        var messageId = context.MessageId?.ToString("N") ?? $"{type}/{videoId:N}/{at.UtcTicks}";
        await queue.EnqueueAsync(messageId, type, videoId, status.Owner, at, data, context.CancellationToken);
    }
}
