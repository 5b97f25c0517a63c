using System.Text.Json.Nodes;
using AiProd.Contracts;
using AiProd.Providers.Download;
using AiProd.Providers.Http;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Hosted;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Hosted.Veo;

/// <summary>
/// The "veo3" backend: text-to-video on Veo through the Gemini API. Veo 3.0 makes 8 s clips only (3.1: 4, 6 or 8 s;
/// 1080p needs 8 s), 16:9 or 9:16 at 720p or 1080p; a square shot is generated at 16:9 and cropped. Billing
/// (assumed, see the README): <c>durationSeconds</c> of every returned clip; a safety-filtered or failed operation is not billed.
/// </summary>
public sealed class VeoShotRenderer(
    VeoClient client,
    IOptions<VeoOptions> options,
    ProviderDownloader downloader,
    ClipFitter fitter,
    IOptions<BackendPrices> prices,
    ILogger<VeoShotRenderer> logger)
    : HostedShotRenderer(options.Value, downloader, fitter, prices, logger)
{
    public override string Backend => VeoClient.Provider;

    /// <summary>The durations <paramref name="model"/> accepts at <paramref name="resolution"/>.</summary>
    public static IReadOnlyList<int> Durations(string model, string resolution) =>
        model.StartsWith("veo-3.1", StringComparison.OrdinalIgnoreCase) && resolution == "720p" ? [4, 6, 8] : [8];

    protected override int BilledSeconds(Shot shot) =>
        Duration(shot) ?? Durations(options.Value.Model, ShotFormat.Resolution(shot.Spec)).Max();

    protected override async Task<SubmittedJob> SubmitAsync(Guid videoId, Shot shot, string workFolder, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var seconds = Duration(shot)
            ?? throw new ProviderException(Backend, "shot_too_long", $"{o.Model} makes clips of at most 8 s; the shot needs {ShotFormat.NeededSeconds(shot):F2} s", false);
        var name = await client.SubmitAsync(Request(shot, seconds), cancellationToken);
        logger.LogInformation("Veo operation {Operation} started for shot {ShotId} of {VideoId}", name, shot.ShotId, videoId);
        return new SubmittedJob(name, seconds);
    }

    protected override async Task<Generation> FollowAsync(Guid videoId, Shot shot, SubmittedJob job, TimeSpan maxWait, bool resumable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var o = options.Value;
        var done = await Polling.UntilAsync(
            Backend, o.PollInterval, maxWait,
            async ct => await client.GetOperationAsync(job.JobId, ct) is var op && op["done"]?.GetValue<bool>() == true ? op : null,
            cancelRemote: null, // the Gemini API offers no cancel for these operations
            logger, cancellationToken, resumable);
        return Result(done, job.BilledSeconds, client.DownloadHeaders, o.BaseUrl!);
    }

    /// <summary>The <c>predictLongRunning</c> body for <paramref name="shot"/>.</summary>
    internal JsonObject Request(Shot shot, int seconds)
    {
        var o = options.Value;
        var parameters = new JsonObject
        {
            ["aspectRatio"] = ShotFormat.Aspect(shot.Spec) == "9:16" ? "9:16" : "16:9",
            ["resolution"] = ShotFormat.Resolution(shot.Spec),
            ["durationSeconds"] = seconds,
        };
        if (!string.IsNullOrWhiteSpace(o.NegativePrompt))
            parameters["negativePrompt"] = o.NegativePrompt;
        if (!string.IsNullOrWhiteSpace(o.PersonGeneration))
            parameters["personGeneration"] = o.PersonGeneration;
        return new JsonObject
        {
            ["instances"] = new JsonArray(new JsonObject { ["prompt"] = ShotFormat.Prompt(shot) }),
            ["parameters"] = parameters,
        };
    }

    /// <summary>Reads a finished operation: the first sample, a safety refusal, or the operation's error.</summary>
    /// <remarks>
    /// The key goes with the download only when the file is on the API's own host: the URI comes from the answer, and
    /// another allowed host (a content CDN) has no business receiving it.
    /// </remarks>
    internal static Generation Result(JsonObject operation, int seconds, IReadOnlyDictionary<string, string> downloadHeaders, Uri apiBase)
    {
        if (operation["error"] is JsonObject error)
            throw OperationError(error);
        var response = operation["response"]?["generateVideoResponse"] as JsonObject
            ?? throw new ProviderException(VeoClient.Provider, "malformed_response", "the finished operation has no generateVideoResponse", true);
        var video = (response["generatedSamples"] as JsonArray)?.FirstOrDefault()?["video"];
        if (video is null)
        {
            var filtered = ProviderApi.Num(response["raiMediaFilteredCount"]) ?? 0;
            var reasons = (response["raiMediaFilteredReasons"] as JsonArray)?.Select(r => ProviderApi.Str(r)).ToList() ?? [];
            throw filtered > 0 || reasons.Count > 0
                ? new ProviderException(VeoClient.Provider, "content_refused", $"the video was filtered for safety: {string.Join(" ", reasons)}", false)
                : new ProviderException(VeoClient.Provider, "malformed_response", "the operation finished without a video", true);
        }

        if (ProviderApi.Str(video["encodedVideo"]) is { Length: > 0 } encoded)
            return new Generation(null, Convert.FromBase64String(encoded), seconds);
        return Uri.TryCreate(ProviderApi.Str(video["uri"]), UriKind.Absolute, out var uri)
            ? new Generation(uri, null, seconds, string.Equals(uri.IdnHost, apiBase.IdnHost, StringComparison.OrdinalIgnoreCase) ? downloadHeaders : null)
            : throw new ProviderException(VeoClient.Provider, "malformed_response", "the sample has neither a uri nor an encoded video", true);
    }

    private static ProviderException OperationError(JsonObject error)
    {
        var code = (int)(ProviderApi.Num(error["code"]) ?? 2);
        var message = ProviderApi.Str(error["message"]) ?? "the operation failed";
        if (message.Contains("safety", StringComparison.OrdinalIgnoreCase) || message.Contains("usage guidelines", StringComparison.OrdinalIgnoreCase))
            return new ProviderException(VeoClient.Provider, "content_refused", message, false);
        // google.rpc codes: 3 INVALID_ARGUMENT, 7 PERMISSION_DENIED, 8 RESOURCE_EXHAUSTED, 16 UNAUTHENTICATED.
        return code switch
        {
            3 => new ProviderException(VeoClient.Provider, "invalid_request", message, false),
            7 or 16 => new ProviderException(VeoClient.Provider, "unauthorized", message, false),
            8 => new ProviderException(VeoClient.Provider, "rate_limited", message, true),
            _ => new ProviderException(VeoClient.Provider, "provider_error", $"operation error {code}: {message}", true),
        };
    }

    private int? Duration(Shot shot) =>
        ShotFormat.Covering(Durations(options.Value.Model, ShotFormat.Resolution(shot.Spec)), ShotFormat.NeededSeconds(shot));
}
