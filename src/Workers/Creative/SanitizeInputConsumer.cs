using AiProd.Contracts;
using AiProd.Sanitizing;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Creative;

/// <summary>Creative worker: the InputSanitizer stage.</summary>
public sealed class SanitizeInputConsumer(IInputSanitizer sanitizer, ILogger<SanitizeInputConsumer> logger)
    : VideoStepConsumer<SanitizeInput>(logger)
{
    protected override Task Handle(ConsumeContext<SanitizeInput> context)
    {
        var m = context.Message;
        var result = sanitizer.Sanitize(m.Request);
        return result.Accepted is { } accepted
            ? context.Publish(new InputSanitized(m.VideoId, m.Attempt, accepted))
            : context.Publish(new InputRejected(m.VideoId, m.Attempt, result.Violations));
    }
}
