using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Creative.Analysis;

/// <summary>Creative worker: the Analysis stage.</summary>
public sealed class AnalyzeRequestConsumer(IRequestAnalyzer analyzer, ILogger<AnalyzeRequestConsumer> logger)
    : VideoStepConsumer<AnalyzeRequest>(logger)
{
    protected override Task Handle(ConsumeContext<AnalyzeRequest> context) =>
        context.Publish(new RequestAnalyzed(context.Message.VideoId, context.Message.Attempt, analyzer.Analyze(context.Message.Input)));
}
