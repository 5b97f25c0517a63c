using System.Text.Json.Nodes;
using AiProd.Contracts;
using AiProd.Providers.Download;
using AiProd.Providers.Http;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Hosted;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Hosted.Replicate;

/// <summary>
/// The "replicate-wan25" backend: Wan 2.5 text-to-video on Replicate. Sizes "W*H" (1280*720, 720*1280, 1920*1080,
/// 1080*1920), 5 or 10 s. The output is deleted by Replicate an hour after the prediction, so it is downloaded as soon
/// as it succeeds. Billing: Wan 2.5 is priced per second of output video, so the cost is the requested duration ×
/// the configured price (<c>metrics.predict_time</c> is logged, not billed); failed predictions are not billed.
/// </summary>
public sealed class ReplicateShotRenderer(
    ReplicateClient client,
    IOptions<ReplicateOptions> options,
    ProviderDownloader downloader,
    ClipFitter fitter,
    IOptions<BackendPrices> prices,
    ILogger<ReplicateShotRenderer> logger)
    : HostedShotRenderer(options.Value, downloader, fitter, prices, logger)
{
    private static readonly int[] Seconds = [5, 10];

    public override string Backend => ReplicateClient.Provider;

    /// <summary>Wan's <c>size</c> for the spec: its orientation (square shots are generated wide and cropped) at 720p or 1080p.</summary>
    public static string Size(ShotSpec spec)
    {
        var (w, h) = ShotFormat.Resolution(spec) == "1080p" ? (1920, 1080) : (1280, 720);
        return ShotFormat.Aspect(spec) == "9:16" ? $"{h}*{w}" : $"{w}*{h}";
    }

    protected override int BilledSeconds(Shot shot) => ShotFormat.Covering(Seconds, ShotFormat.NeededSeconds(shot)) ?? Seconds[^1];

    protected override async Task<SubmittedJob> SubmitAsync(Guid videoId, Shot shot, string workFolder, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var seconds = ShotFormat.Covering(Seconds, ShotFormat.NeededSeconds(shot))
            ?? throw new ProviderException(Backend, "shot_too_long", $"Wan 2.5 makes clips of at most 10 s; the shot needs {ShotFormat.NeededSeconds(shot):F2} s", false);
        var input = new JsonObject { ["prompt"] = ShotFormat.Prompt(shot), ["size"] = Size(shot.Spec), ["duration"] = seconds };
        if (!string.IsNullOrWhiteSpace(o.NegativePrompt))
            input["negative_prompt"] = o.NegativePrompt;

        var created = await client.CreateAsync(input, cancellationToken);
        var id = ProviderApi.Str(created["id"])!;
        logger.LogInformation("Replicate prediction {PredictionId} started for shot {ShotId} of {VideoId}", id, shot.ShotId, videoId);
        // The create answer (held open by Prefer: wait) is the first look at the prediction.
        return new SubmittedJob(id, seconds, created);
    }

    protected override async Task<Generation> FollowAsync(Guid videoId, Shot shot, SubmittedJob job, TimeSpan maxWait, bool resumable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var o = options.Value;
        var id = job.JobId;
        var first = job.FirstLook;
        var done = await Polling.UntilAsync(
            Backend, o.PollInterval, maxWait,
            async ct =>
            {
                var prediction = first ?? await client.GetAsync(id, ct);
                first = null;
                return Finished(prediction);
            },
            ct => client.CancelAsync(id, ct),
            logger, cancellationToken, resumable);

        logger.LogInformation("Replicate prediction {PredictionId} took {PredictTime} s of compute", id, ProviderApi.Num(done["metrics"]?["predict_time"]));
        return new Generation(Output(done), null, job.BilledSeconds);
    }

    /// <summary>The prediction when it succeeded; null while starting or processing.</summary>
    internal static JsonObject? Finished(JsonObject prediction)
    {
        var status = ProviderApi.Str(prediction["status"]);
        return status switch
        {
            "starting" or "processing" => null,
            "succeeded" => prediction,
            "failed" => throw Failure(ProviderApi.Str(prediction["error"]) ?? "the prediction failed"),
            "canceled" => throw new ProviderException(ReplicateClient.Provider, "provider_error", "the prediction was cancelled", true),
            _ => throw new ProviderException(ReplicateClient.Provider, "malformed_response", $"unknown prediction status '{status}'", true),
        };
    }

    /// <summary>A failed prediction: the safety checker's words make it a refusal; anything else (often a crashed worker) may pass on another try.</summary>
    internal static ProviderException Failure(string error) =>
        error.Contains("nsfw", StringComparison.OrdinalIgnoreCase) || error.Contains("safety", StringComparison.OrdinalIgnoreCase)
            || error.Contains("sensitive", StringComparison.OrdinalIgnoreCase)
            ? new ProviderException(ReplicateClient.Provider, "content_refused", error, false)
            : new ProviderException(ReplicateClient.Provider, "task_failed", error, true);

    private static Uri? Output(JsonObject prediction)
    {
        var output = prediction["output"];
        var url = output is JsonArray list ? ProviderApi.Str(list.FirstOrDefault()) : ProviderApi.Str(output);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
    }
}
