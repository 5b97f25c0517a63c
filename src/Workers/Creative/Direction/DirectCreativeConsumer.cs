using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Creative.Direction;

/// <summary>Creative worker: the Creative stage (first attempt, and refinements after semantic QA feedback).</summary>
public sealed class DirectCreativeConsumer(ICreativeDirector director, ILogger<DirectCreativeConsumer> logger)
    : VideoStepConsumer<DirectCreative>(logger)
{
    protected override async Task Handle(ConsumeContext<DirectCreative> context)
    {
        var direction = await director.DirectAsync(context.Message, context.CancellationToken);
        await context.Publish(new CreativeDirected(context.Message.VideoId, context.Message.Attempt, direction));
    }
}
