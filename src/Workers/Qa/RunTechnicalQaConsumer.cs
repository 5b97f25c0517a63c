using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa;

/// <summary>QA worker: the technical gate on the composed video, against what the request asked for.</summary>
public sealed class RunTechnicalQaConsumer(ITechnicalQa qa, IAssetStore assets, ILogger<RunTechnicalQaConsumer> logger)
    : VideoStepConsumer<RunTechnicalQa>(logger)
{
    protected override async Task Handle(ConsumeContext<RunTechnicalQa> context)
    {
        var m = context.Message;
        var file = await assets.GetLocalFileAsync(m.AssetUri, context.CancellationToken);
        var size = FrameSize.For(m.Request.AspectRatio, m.Request.Resolution);
        var expected = new QaExpectations(m.Request.DurationSeconds, size.Width, size.Height, m.Request.FrameRate);
        var report = await qa.CheckAsync(file, expected, m.Timeline, context.CancellationToken);
        logger.LogInformation("Technical QA of video {VideoId}: {Passed} ({PassedChecks}/{TotalChecks})", m.VideoId, report.Passed, report.PassedChecks, report.TotalChecks);
        await context.Publish(new TechnicalQaCompleted(m.VideoId, m.Attempt, report));
    }
}
