using System.Security.Claims;
using AiProd.Assets;
using AiProd.Auth;
using AiProd.Collaboration.Audit;
using AiProd.Contracts;
using AiProd.Gateway.Input;
using AiProd.Gateway.Security;
using AiProd.Gateway.Webhooks;
using AiProd.Orchestration;
using AiProd.Sanitizing;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway;

/// <summary>
/// The <c>/v1/videos</c> API: submit (scope <c>videos:submit</c>), follow and download (<c>videos:read</c>). A caller
/// sees its own videos only (an administrator sees all); another owner's video is answered like an unknown one.
/// </summary>
public static class VideoEndpoints
{
    /// <summary>Largest accepted request body.</summary>
    public const int MaxBodyBytes = VideoRequestBody.MaxBytes;

    public static IEndpointRouteBuilder MapVideoEndpoints(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/v1/videos");
        videos.MapPost("/", Create).RequireAuthorization(ApiKeyScopes.Submit);
        videos.MapGet("/", List).RequireAuthorization(ApiKeyScopes.Read);
        videos.MapGet("/{id}", Get).RequireAuthorization(ApiKeyScopes.Read);
        videos.MapGet("/{id}/content", Content).RequireAuthorization(ApiKeyScopes.Read);
        videos.MapGet("/{id}/manifest", Manifest).RequireAuthorization(ApiKeyScopes.Read);
        videos.MapGet("/{id}/subtitles.srt", (string id, ClaimsPrincipal user, VideoStatusReader reader, IAssetStore assets, CancellationToken ct) =>
            Subtitles(id, ".srt", "application/x-subrip", user, reader, assets, ct)).RequireAuthorization(ApiKeyScopes.Read);
        videos.MapGet("/{id}/subtitles.vtt", (string id, ClaimsPrincipal user, VideoStatusReader reader, IAssetStore assets, CancellationToken ct) =>
            Subtitles(id, ".vtt", "text/vtt", user, reader, assets, ct)).RequireAuthorization(ApiKeyScopes.Read);
        return app;
    }

    private static async Task<IResult> Create(HttpRequest http, ClaimsPrincipal user, IInputSanitizer sanitizer, VideoStatusReader reader,
        GatewaySubmissions submissions, AuditLog audit, WebhookUrlGuard guard, WebhookSubscriptions webhooks, CancellationToken cancellationToken)
    {
        var (key, badKey) = Idempotency.Read(http.Headers);
        if (badKey is not null)
            return badKey;
        var (body, problem) = await VideoRequestBody.ReadAsync(http, cancellationToken);
        if (problem is not null)
            return problem;
        var request = body!.Request;
        Uri? callback = null;
        if (body.CallbackUrl is not null)
        {
            (callback, var refused) = await guard.CheckAsync(body.CallbackUrl, cancellationToken);
            if (refused is not null)
                return Problems.Field("callbackUrl", refused, "The callback URL is refused.");
        }

        var check = sanitizer.Sanitize(request!);
        if (!check.IsAccepted)
        {
            var errors = check.Violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Message).ToArray());
            return Problems.Invalid(errors, "The video request is invalid.",
                extensions: new Dictionary<string, object?> { ["violations"] = check.Violations.Select(v => new { v.Field, v.Code }).ToArray() });
        }

        var owner = user.Owner();
        var id = key is null ? Guid.NewGuid() : Idempotency.IdFor(owner, key);
        if (key is not null && await SubmittedBeforeAsync(id, reader, submissions, cancellationToken) is { } earlier)
        {
            if (Idempotency.Fingerprint(earlier.Request) != Idempotency.Fingerprint(request!))
                return Idempotency.Reused();
            if (earlier.Stored)
                return Accepted(id, earlier.State);
        }

        // The callback is stored before the video starts, so its first events find it.
        object? callbackView = null;
        if (callback is not null && owner is not null)
        {
            var (subscription, created) = await webhooks.CreateCallbackAsync(id, owner, user.Actor(), callback, cancellationToken);
            callbackView = WebhookEndpoints.View(subscription, withSecret: created);
        }

        var submission = await submissions.SubmitAsync(id, request!, owner, cancellationToken);
        // Two submissions with one key raced, and the other one was stored first.
        if (!submission.Created && submission.Stored is { } other && Idempotency.Fingerprint(other.Submitted) != Idempotency.Fingerprint(request!))
            return Idempotency.Reused();
        if (submission.Created)
            await audit.RecordAsync(user.Actor(), AuditActions.VideoSubmitted, id, detail: request!.Prompt, cancellationToken: cancellationToken);
        return Accepted(id, VideoStages.Init, callbackView);
    }

    /// <summary>What this id was submitted with, when it was: from the store, or accepted here and not stored yet.</summary>
    private static async Task<(VideoRequest Request, string State, bool Stored)?> SubmittedBeforeAsync(Guid id, VideoStatusReader reader, GatewaySubmissions submissions, CancellationToken cancellationToken)
    {
        if (await reader.FindAsync(id, cancellationToken) is { Request: { } stored } status)
            return (stored, status.State, true);
        return submissions.TryGetAccepted(id, out var accepted, out _, out _) ? (accepted, VideoStages.Init, false) : null;
    }

    private static IResult Accepted(Guid id, string state, object? callback = null)
    {
        var location = $"/v1/videos/{id}";
        return Results.Accepted(location, new { id, state, callback, links = new { self = location } });
    }

    private static async Task<IResult> List(HttpRequest http, ClaimsPrincipal user, VideoStatusReader reader, CancellationToken cancellationToken)
    {
        var (query, problem) = ListQuery.Read(http.Query);
        if (problem is not null)
            return problem;

        try
        {
            var page = await reader.ListItemsAsync(query!.State, user.OwnerFilter(), query.PageSize, query.PageToken, cancellationToken);
            return Results.Ok(new { items = page.Items.Select(VideoSummary.From), nextPageToken = page.NextPageToken });
        }
        catch (ArgumentException)
        {
            return Problems.Field("pageToken", "pageToken is not one this API issued; pass the nextPageToken of the previous page.", "The list query is invalid.");
        }
    }

    private static async Task<IResult> Get(string id, ClaimsPrincipal user, VideoStatusReader reader, GatewaySubmissions submissions, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var videoId))
            return BadId(id);
        if (await reader.FindAsync(videoId, cancellationToken) is { } status)
        {
            submissions.Stored(videoId);
            return user.MaySee(status.Owner) ? Results.Ok(VideoResource.From(status)) : NotFound(videoId);
        }

        if (submissions.TryGetAccepted(videoId, out var request, out var at, out var owner) && user.MaySee(owner))
        {
            var queued = new VideoStatus(videoId, VideoStages.Init, VideoStages.Init, 0, request, null,
                new CostSummary(null, 0m, request.BudgetUsd, null), new QaSummary(null, null), null, null, at, at, []);
            return Results.Ok(VideoResource.From(queued));
        }

        return NotFound(videoId);
    }

    /// <summary>
    /// The MP4: a redirect to a V4 signed URL (valid <c>Assets:SignedUrlLifetime</c>, 15 min by default) when the store
    /// can sign one (Cloud Storage with a signing identity), so the bytes do not pass through the gateway; otherwise
    /// streamed from the store, range requests included. <c>?format=9:16</c> picks one of the requested formats (default: the master).
    /// </summary>
    private static Task<IResult> Content(string id, string? format, ClaimsPrincipal user, VideoStatusReader reader, IAssetStore assets, IOptions<AssetOptions> options, CancellationToken cancellationToken) =>
        Deliver(id, user, reader, async status =>
        {
            var (uri, problem) = FormatAsset(status, format);
            if (problem is not null)
                return problem;
            return await assets.GetSignedReadUrlAsync(uri!, options.Value.SignedUrlLifetime, cancellationToken) is { } signed
                ? Results.Redirect(signed.AbsoluteUri)
                : Results.Stream(await assets.OpenReadAsync(uri!, cancellationToken), "video/mp4",
                    format is null ? $"{status.Id}.mp4" : $"{status.Id}.{DeliveryFormats.FileTag(format)}.mp4", enableRangeProcessing: true);
        }, cancellationToken);

    /// <summary>Where the file of <paramref name="format"/> is (the master when null), or a 404 naming <c>format</c> when the video was not made in it.</summary>
    private static (string? Uri, IResult? Problem) FormatAsset(VideoStatus status, string? format)
    {
        var formats = DeliveryFormats.Of(status.Request ?? new VideoRequest(string.Empty));
        if (format is null || format == formats[0])
            return (status.AssetUri, null);
        if (!formats.Contains(format, StringComparer.Ordinal))
            return (null, Problems.Field("format", $"The video {status.Id} was not made in the format '{Problems.Echo(format)}'; it has {string.Join(", ", formats)}.",
                "No such format.", StatusCodes.Status404NotFound));
        return (DeliveryFormats.Variant(status.AssetUri!, format), null);
    }

    private static Task<IResult> Manifest(string id, ClaimsPrincipal user, VideoStatusReader reader, IAssetStore assets, CancellationToken cancellationToken) =>
        Deliver(id, user, reader, async status => Results.Stream(await assets.OpenReadAsync(status.ManifestUri!, cancellationToken), "application/json"), cancellationToken);

    /// <summary>The narration's subtitles, stored beside the MP4 (video.srt, video.vtt); 404 naming the id for a video without narration.</summary>
    private static Task<IResult> Subtitles(string id, string extension, string contentType, ClaimsPrincipal user, VideoStatusReader reader, IAssetStore assets, CancellationToken cancellationToken) =>
        Deliver(id, user, reader, async status =>
        {
            var uri = (status.AssetUri!.EndsWith(".mp4", StringComparison.Ordinal) ? status.AssetUri[..^4] : status.AssetUri) + extension;
            try
            {
                return Results.Stream(await assets.OpenReadAsync(uri, cancellationToken), contentType + "; charset=utf-8");
            }
            catch (AssetNotFoundException)
            {
                return Problems.Field("id", $"The video {status.Id} has no subtitles: it was made without narration.", "No subtitles.", StatusCodes.Status404NotFound);
            }
        }, cancellationToken);

    /// <summary>Serves a finished video's file, or says why it cannot: a bad id, an unknown (or another owner's) video, one that failed or is not finished.</summary>
    private static async Task<IResult> Deliver(string id, ClaimsPrincipal user, VideoStatusReader reader, Func<VideoStatus, Task<IResult>> serve, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var videoId))
            return BadId(id);
        var status = await reader.FindAsync(videoId, cancellationToken);
        if (status is null || !user.MaySee(status.Owner))
            return NotFound(videoId);
        if (status is { State: VideoStages.Complete, AssetUri: not null })
            return await serve(status);
        return status.Error is { } error
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The video failed; there is nothing to download.",
                detail: $"{error.Stage}: {error.Message}",
                extensions: new Dictionary<string, object?> { ["stage"] = error.Stage, ["code"] = error.Code, ["retryable"] = error.Retryable })
            : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The video is not finished yet.",
                detail: $"It is in {status.State} ({status.ProgressPercent}%). Poll /v1/videos/{videoId} until its state is Complete.",
                extensions: new Dictionary<string, object?> { ["state"] = status.State, ["progressPercent"] = status.ProgressPercent });
    }

    internal static IResult BadId(string id) =>
        Problems.Field("id", $"'{Problems.Echo(id)}' is not a video id (a UUID).", "The video id is invalid.");

    /// <summary>The same answer for an id nobody has and for one of another owner: existence is not disclosed.</summary>
    internal static IResult NotFound(Guid id) =>
        Problems.Field("id", $"No video of yours has the id {id}.", "No such video.", StatusCodes.Status404NotFound);
}
