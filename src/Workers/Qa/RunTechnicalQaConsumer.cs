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
        var expected = new QaExpectations(m.Request.DurationSeconds, size.Width, size.Height, m.Request.FrameRate, Narration: await CuesAsync(m.AssetUri, context.CancellationToken));
        var report = await qa.CheckAsync(file, expected, m.Timeline, context.CancellationToken);
        logger.LogInformation("Technical QA of video {VideoId}: {Passed} ({PassedChecks}/{TotalChecks})", m.VideoId, report.Passed, report.PassedChecks, report.TotalChecks);
        await context.Publish(new TechnicalQaCompleted(m.VideoId, m.Attempt, report));
    }

    /// <summary>The narration lines the composer stored beside the video; none when it was not narrated.</summary>
    private async Task<IReadOnlyList<NarrationCue>?> CuesAsync(string videoUri, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await assets.OpenReadAsync(NarrationAssets.Sidecar(videoUri, NarrationAssets.CuesExtension), cancellationToken);
            return await System.Text.Json.JsonSerializer.DeserializeAsync<List<NarrationCue>>(stream, Json, cancellationToken);
        }
        catch (AssetNotFoundException)
        {
            return null;
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
}
