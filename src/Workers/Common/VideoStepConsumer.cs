using AiProd.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Common;

/// <summary>
/// Base of every worker consumer: runs the step, and turns a <see cref="StepException"/> (a failure the user should
/// see, such as an unrenderable shot) into a <see cref="StepFailed"/> event instead of a retry; so is a full or
/// read-only disk (<see cref="StorageFailures"/>). Any other exception is left to the endpoint's retry policy and,
/// once that is spent, to MassTransit's fault handling, which the saga also turns into a failed video: it goes on as
/// a <see cref="StepFaultException"/> whose message has no server path (the original is its inner exception, logged).
/// </summary>
public abstract class VideoStepConsumer<T>(ILogger logger) : IConsumer<T>
    where T : class, IVideoMessage
{
    /// <summary>The stage this step belongs to, named by the failures it reports.</summary>
    protected virtual string Stage => StepStages.Of(typeof(T));

    public async Task Consume(ConsumeContext<T> context)
    {
        try
        {
            await Handle(context);
        }
        catch (Exception ex) when (ex is StepException || StorageFailures.From(ex, Stage) is not null)
        {
            var step = ex as StepException ?? StorageFailures.From(ex, Stage)!;
            logger.LogWarning(ex, "Step {Stage} failed for video {VideoId} (attempt {Attempt}): {Code}", step.Stage, context.Message.VideoId, context.Message.Attempt, step.Code);
            await context.Publish(new StepFailed(context.Message.VideoId, context.Message.Attempt, step.Stage, step.Code, UserText.Scrub(step.Message)!, step.Retryable));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not StepFaultException)
        {
            // The saga shows a fault's message to the user: it must not carry a server path.
            throw new StepFaultException(UserText.Scrub(ex.Message)!, ex);
        }
    }

    protected abstract Task Handle(ConsumeContext<T> context);
}
