using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa;

/// <summary>QA worker: scores the composed video against its plan.</summary>
public sealed class RunSemanticQaConsumer(ISemanticQa qa, IAssetStore assets, ILogger<RunSemanticQaConsumer> logger)
    : VideoStepConsumer<RunSemanticQa>(logger)
{
    protected override async Task Handle(ConsumeContext<RunSemanticQa> context)
    {
        var m = context.Message;
        var file = await assets.GetLocalFileAsync(m.AssetUri, context.CancellationToken);
        var report = await qa.EvaluateAsync(file, m, context.CancellationToken);
        logger.LogInformation("Semantic QA of video {VideoId}: overall {Overall:0.0} (threshold {Threshold:0.0})", m.VideoId, report.Overall.Score, report.Threshold);
        await context.Publish(new SemanticQaCompleted(m.VideoId, m.Attempt, report));
    }
}
