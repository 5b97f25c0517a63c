using System.Text.Json.Nodes;
using AiProd.Contracts;
using AiProd.Providers.Download;
using AiProd.Providers.Http;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Hosted;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Hosted.Runway;

/// <summary>
/// The "runway" backend: image-to-video on Runway. gen4_turbo (and gen3a_turbo) need a start image, so the shot's
/// keyframe is drawn first (<see cref="KeyframeMaker"/>) and sent as a data URI. Clips last 5 or 10 s. Billing
/// (assumed, see the README): the requested duration of a SUCCEEDED task; failed tasks are not billed.
/// </summary>
public sealed class RunwayShotRenderer(
    RunwayClient client,
    KeyframeMaker keyframes,
    IOptions<RunwayOptions> options,
    ProviderDownloader downloader,
    ClipFitter fitter,
    IOptions<BackendPrices> prices,
    ILogger<RunwayShotRenderer> logger)
    : HostedShotRenderer(options.Value, downloader, fitter, prices, logger)
{
    private static readonly int[] Seconds = [5, 10];

    public override string Backend => RunwayClient.Provider;

    /// <summary>The output ratios (width:height) <paramref name="model"/> accepts.</summary>
    public static IReadOnlyList<(int Width, int Height)> Ratios(string model) => model switch
    {
        "gen3a_turbo" => [(1280, 768), (768, 1280)],
        _ => [(1280, 720), (720, 1280), (1104, 832), (832, 1104), (960, 960), (1584, 672)],
    };

    /// <summary>The model's ratio nearest to the spec's frame (compared as log aspect ratios).</summary>
    public static (int Width, int Height) Ratio(string model, ShotSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var wanted = Math.Log((double)spec.Width / spec.Height);
        return Ratios(model).MinBy(r => Math.Abs(Math.Log((double)r.Width / r.Height) - wanted));
    }

    protected override int BilledSeconds(Shot shot) => ShotFormat.Covering(Seconds, ShotFormat.NeededSeconds(shot)) ?? Seconds[^1];

    protected override async Task<SubmittedJob> SubmitAsync(Guid videoId, Shot shot, string workFolder, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var seconds = ShotFormat.Covering(Seconds, ShotFormat.NeededSeconds(shot))
            ?? throw new ProviderException(Backend, "shot_too_long", $"{o.Model} makes clips of at most 10 s; the shot needs {ShotFormat.NeededSeconds(shot):F2} s", false);
        var (width, height) = Ratio(o.Model, shot.Spec);
        var image = await keyframes.DataUriAsync(videoId, shot, width, height, workFolder, cancellationToken);
        var id = await client.CreateAsync(new JsonObject
        {
            ["model"] = o.Model,
            ["promptImage"] = image,
            ["promptText"] = ShotFormat.Prompt(shot, 1000),
            ["ratio"] = $"{width}:{height}",
            ["duration"] = seconds,
        }, cancellationToken);
        logger.LogInformation("Runway task {TaskId} started for shot {ShotId} of {VideoId}", id, shot.ShotId, videoId);
        return new SubmittedJob(id, seconds);
    }

    protected override async Task<Generation> FollowAsync(Guid videoId, Shot shot, SubmittedJob job, TimeSpan maxWait, bool resumable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var o = options.Value;
        var id = job.JobId;
        var task = await Polling.UntilAsync(
            Backend, o.PollInterval, maxWait,
            async ct => Finished(await client.GetAsync(id, ct)),
            ct => client.CancelAsync(id, ct),
            logger, cancellationToken, resumable);
        return new Generation(Output(task), null, job.BilledSeconds, RefreshOutput: async ct => Output(await client.GetAsync(id, ct)));
    }

    /// <summary>The task when it has ended well; null while PENDING, THROTTLED (queued behind the org's concurrency cap) or RUNNING.</summary>
    internal static JsonObject? Finished(JsonObject task)
    {
        var status = ProviderApi.Str(task["status"]);
        switch (status)
        {
            case "PENDING" or "THROTTLED" or "RUNNING":
                return null;
            case "SUCCEEDED":
                return task;
            case "FAILED":
                throw Failure(ProviderApi.Str(task["failureCode"]) ?? "", ProviderApi.Str(task["failure"]) ?? "the task failed");
            case "CANCELLED":
                throw new ProviderException(RunwayClient.Provider, "provider_error", "the task was cancelled", true);
            default:
                throw new ProviderException(RunwayClient.Provider, "malformed_response", $"unknown task status '{status}'", true);
        }
    }

    /// <summary>
    /// A FAILED task's code: safety codes ("SAFETY.INPUT.TEXT", "SAFETY.OUTPUT.VIDEO", ...) are refusals, final for
    /// Runway; "INTERNAL..." ones are Runway's own trouble and may pass on another try; anything else is about the input.
    /// </summary>
    internal static ProviderException Failure(string failureCode, string failure)
    {
        var message = $"{failureCode}: {failure}".Trim(' ', ':');
        if (failureCode.Contains("SAFETY", StringComparison.OrdinalIgnoreCase))
            return new ProviderException(RunwayClient.Provider, "content_refused", message, false);
        return failureCode.StartsWith("INTERNAL", StringComparison.OrdinalIgnoreCase)
            ? new ProviderException(RunwayClient.Provider, "provider_error", message, true)
            : new ProviderException(RunwayClient.Provider, "task_failed", message, false);
    }

    private static Uri? Output(JsonObject task) =>
        Uri.TryCreate(ProviderApi.Str((task["output"] as JsonArray)?.FirstOrDefault()), UriKind.Absolute, out var uri) ? uri : null;
}
