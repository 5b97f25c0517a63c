using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa;

/// <summary>QA worker: the technical gate on the composed video, against what the request asked for.</summary>
public sealed class RunTechnicalQaConsumer(ITechnicalQa qa, MediaProbe probe, IAssetStore assets, ILogger<RunTechnicalQaConsumer> logger)
    : VideoStepConsumer<RunTechnicalQa>(logger)
{
    protected override async Task Handle(ConsumeContext<RunTechnicalQa> context)
    {
        var m = context.Message;
        var cues = await CuesAsync(m.AssetUri, context.CancellationToken);
        var formats = new List<FormatVerdicts.Checked>();
        // Every format is its own file with its own size; each is checked against what it should be.
        foreach (var format in DeliveryFormats.Of(m.Request))
        {
            var uri = format == m.Request.AspectRatio ? m.AssetUri : DeliveryFormats.Variant(m.AssetUri, format);
            formats.Add(await CheckFormatAsync(m, format, uri, cues, context.CancellationToken));
        }

        var report = FormatVerdicts.Combine(formats[0].Report, formats);
        logger.LogInformation("Technical QA of video {VideoId}: {Passed} ({PassedChecks}/{TotalChecks})", m.VideoId, report.Passed, report.PassedChecks, report.TotalChecks);
        await context.Publish(new TechnicalQaCompleted(m.VideoId, m.Attempt, report));
    }

    private async Task<FormatVerdicts.Checked> CheckFormatAsync(
        RunTechnicalQa m, string format, string uri, IReadOnlyList<NarrationCue>? cues, CancellationToken cancellationToken)
    {
        var reframe = DeliveryFormats.ReframeFor(m.Request.AspectRatio, format);
        string file;
        try
        {
            file = await assets.GetLocalFileAsync(uri, cancellationToken);
        }
        catch (AssetNotFoundException)
        {
            // Checked as a missing file: a failed report naming it, so a re-composition makes it.
            file = Path.Combine(Path.GetTempPath(), $"missing-{DeliveryFormats.FileTag(format)}.mp4");
        }

        var size = FrameSize.For(format, m.Request.Resolution);
        // Semantic QA judges the master: its signals are measured in this decode and kept for that stage.
        var expected = new QaExpectations(
            m.Request.DurationSeconds, size.Width, size.Height, m.Request.FrameRate, Narration: cues, SemanticSignals: format == m.Request.AspectRatio);
        var (report, info) = await qa.CheckWithStreamsAsync(file, expected, m.Timeline, cancellationToken);
        // The check read the streams already; probe only for an implementation that does not pass them on.
        if (info is null && File.Exists(file))
            (info, _) = await probe.ProbeAsync(file, countFrames: false, VideoStages.QaTech, cancellationToken);
        return new FormatVerdicts.Checked(
            format, reframe, info?.Video?.Width ?? 0, info?.Video?.Height ?? 0, info?.Video?.DurationSeconds ?? info?.DurationSeconds ?? 0, report);
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
