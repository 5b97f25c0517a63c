using System.Threading.Channels;
using AiProd.Contracts;
using MassTransit;

namespace AiProd.Cli;

/// <summary>Follows the public events, as any other system would, and hands them to the command that waits.</summary>
public sealed class ProgressConsumer(Channel<object> events) :
    IConsumer<VideoStateChanged>,
    IConsumer<VideoCompleted>,
    IConsumer<VideoFailed>
{
    public Task Consume(ConsumeContext<VideoStateChanged> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    public Task Consume(ConsumeContext<VideoCompleted> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    public Task Consume(ConsumeContext<VideoFailed> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();
}
