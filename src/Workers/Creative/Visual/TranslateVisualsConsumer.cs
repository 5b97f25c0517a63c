using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Creative.Visual;

/// <summary>Creative worker: the Visual stage (scenes to shots).</summary>
public sealed class TranslateVisualsConsumer(IVisualTranslator translator, ILogger<TranslateVisualsConsumer> logger)
    : VideoStepConsumer<TranslateVisuals>(logger)
{
    protected override Task Handle(ConsumeContext<TranslateVisuals> context)
    {
        var m = context.Message;
        return context.Publish(new VisualsTranslated(m.VideoId, m.Attempt, translator.Translate(m.Request, m.Direction)));
    }
}
