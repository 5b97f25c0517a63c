using AiProd.Contracts;
using MassTransit;

namespace AiProd.Gateway.Live;

/// <summary>
/// The gateway following the bus: every public event of a video (and a shot rendered, for the shots count) wakes the
/// streams of that video on this replica. It only signals; the streams read what changed from the stores.
/// </summary>
public sealed class VideoEventsConsumer(VideoEventSignals signals) :
    IConsumer<VideoStateChanged>,
    IConsumer<VideoCompleted>,
    IConsumer<VideoFailed>,
    IConsumer<ApprovalRequested>,
    IConsumer<VideoApproved>,
    IConsumer<VideoRejected>,
    IConsumer<ShotRendered>
{
    public Task Consume(ConsumeContext<VideoStateChanged> context) => Wake(context.Message.VideoId);

    public Task Consume(ConsumeContext<VideoCompleted> context) => Wake(context.Message.VideoId);

    public Task Consume(ConsumeContext<VideoFailed> context) => Wake(context.Message.VideoId);

    public Task Consume(ConsumeContext<ApprovalRequested> context) => Wake(context.Message.VideoId);

    public Task Consume(ConsumeContext<VideoApproved> context) => Wake(context.Message.VideoId);

    public Task Consume(ConsumeContext<VideoRejected> context) => Wake(context.Message.VideoId);

    public Task Consume(ConsumeContext<ShotRendered> context) => Wake(context.Message.VideoId);

    private Task Wake(Guid videoId)
    {
        signals.Notify(videoId);
        return Task.CompletedTask;
    }
}
