using AiProd.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Common;

/// <summary>
/// Base of every worker consumer: runs the step, and turns a <see cref="StepException"/> (a failure the user
/// should see, such as an unrenderable shot) into a <see cref="StepFailed"/> event instead of a retry. Any other
/// exception is left to the endpoint's retry policy and, once that is spent, to MassTransit's fault handling,
/// which the saga also turns into a failed video.
/// </summary>
public abstract class VideoStepConsumer<T>(ILogger logger) : IConsumer<T>
    where T : class, IVideoMessage
{
    public async Task Consume(ConsumeContext<T> context)
    {
        try
        {
            await Handle(context);
        }
        catch (StepException ex)
        {
            logger.LogWarning(ex, "Step {Stage} failed for video {VideoId} (attempt {Attempt}): {Code}", ex.Stage, context.Message.VideoId, context.Message.Attempt, ex.Code);
            await context.Publish(new StepFailed(context.Message.VideoId, context.Message.Attempt, ex.Stage, ex.Code, ex.Message, ex.Retryable));
        }
    }

    protected abstract Task Handle(ConsumeContext<T> context);
}
