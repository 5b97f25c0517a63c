using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Orchestration;
using AiProd.Sanitizing;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway;

/// <summary>The <c>/v1/videos</c> API: submit, follow, download.</summary>
public static class VideoEndpoints
{
    /// <summary>Largest accepted request body: a prompt of 2,000 characters fits many times over.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapVideoEndpoints(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/v1/videos");
        videos.MapPost("/", Create);
        videos.MapGet("/", List);
        videos.MapGet("/{id}", Get);
        videos.MapGet("/{id}/content", Content);
        videos.MapGet("/{id}/manifest", Manifest);
        return app;
    }

    private static async Task<IResult> Create(HttpRequest http, IInputSanitizer sanitizer, VideoSubmissions submissions, AcceptedVideos accepted, CancellationToken cancellationToken)
    {
        CreateVideoRequest? body;
        try
        {
            body = await http.ReadFromJsonAsync<CreateVideoRequest>(cancellationToken);
        }
        catch (JsonException ex)
        {
            return Invalid(new Dictionary<string, string[]> { [ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body"] = [$"The body is not valid JSON for this field: {ex.Message}"] });
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem(statusCode: ex.StatusCode, title: "The request body is too large.",
                detail: $"A video request must be at most {MaxBodyBytes / 1024} KB; the prompt itself is limited to 2,000 characters.");
        }
        catch (InvalidOperationException ex) when (!http.HasJsonContentType())
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the request as application/json.", detail: ex.Message);
        }

        if (body is null)
            return Invalid(new Dictionary<string, string[]> { ["body"] = ["A JSON object with at least a prompt is required."] });

        var request = body.ToRequest();
        var check = sanitizer.Sanitize(request);
        if (!check.IsAccepted)
        {
            var errors = check.Violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Message).ToArray());
            return Invalid(errors, check.Violations.Select(v => new { v.Field, v.Code }).ToArray());
        }

        var id = http.Headers.TryGetValue("Idempotency-Key", out var key) && !string.IsNullOrWhiteSpace(key)
            ? IdFromKey(key.ToString())
            : NewId.NextGuid();
        // A store that keeps the video before the 202 answers a GET itself; otherwise remember it until the saga exists.
        if (!submissions.IsDurable)
            accepted.Add(id, request);
        await submissions.SubmitAsync(id, request, owner: null, cancellationToken);
        var location = $"/v1/videos/{id}";
        return Results.Accepted(location, new { id, state = VideoStages.Init, links = new { self = location } });
    }

    private static async Task<IResult> List(string? state, int? pageSize, string? pageToken, VideoStatusReader reader, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is not null && !VideoStages.Ordered.Contains(state) && state != VideoStages.Failed)
            errors["state"] = [$"'{state}' is not a state; use one of {string.Join(", ", VideoStages.Ordered.Append(VideoStages.Failed))}."];
        if (pageSize is < 1 or > MaxPageSize)
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        if (errors.Count > 0)
            return Invalid(errors);

        try
        {
            var page = await reader.ListAsync(state, pageSize ?? DefaultPageSize, pageToken, cancellationToken);
            return Results.Ok(new { items = page.Items.Select(VideoSummary.From), nextPageToken = page.NextPageToken });
        }
        catch (ArgumentException)
        {
            return Invalid(new Dictionary<string, string[]> { ["pageToken"] = ["pageToken is not one this API issued; pass the nextPageToken of the previous page."] });
        }
    }

    private static async Task<IResult> Get(string id, VideoStatusReader reader, AcceptedVideos accepted, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var videoId))
            return BadId(id);
        if (await reader.FindAsync(videoId, cancellationToken) is { } status)
        {
            accepted.Forget(videoId);
            return Results.Ok(VideoResource.From(status));
        }

        if (accepted.TryGet(videoId, out var request, out var at))
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
    /// streamed from the store, range requests included.
    /// </summary>
    private static Task<IResult> Content(string id, VideoStatusReader reader, IAssetStore assets, IOptions<AssetOptions> options, CancellationToken cancellationToken) =>
        Deliver(id, reader, async status =>
            await assets.GetSignedReadUrlAsync(status.AssetUri!, options.Value.SignedUrlLifetime, cancellationToken) is { } signed
                ? Results.Redirect(signed.AbsoluteUri)
                : Results.Stream(await assets.OpenReadAsync(status.AssetUri!, cancellationToken), "video/mp4", $"{status.Id}.mp4", enableRangeProcessing: true),
            cancellationToken);

    private static Task<IResult> Manifest(string id, VideoStatusReader reader, IAssetStore assets, CancellationToken cancellationToken) =>
        Deliver(id, reader, async status => Results.Stream(await assets.OpenReadAsync(status.ManifestUri!, cancellationToken), "application/json"), cancellationToken);

    /// <summary>Serves a finished video's file, or says why it cannot: a bad id, an unknown video, one that failed or is not finished.</summary>
    private static async Task<IResult> Deliver(string id, VideoStatusReader reader, Func<VideoStatus, Task<IResult>> serve, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var videoId))
            return BadId(id);
        if (await reader.FindAsync(videoId, cancellationToken) is not { } status)
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

    private static IResult Invalid(IDictionary<string, string[]> errors, object? violations = null) =>
        Results.ValidationProblem(errors, title: "The video request is invalid.",
            extensions: violations is null ? null : new Dictionary<string, object?> { ["violations"] = violations });

    private static IResult BadId(string id) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"'{id}' is not a video id (a UUID)."] }, title: "The video id is invalid.");

    private static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such video.", detail: $"No video has the id {id}.");

    /// <summary>The same Idempotency-Key always names the same video, so a retried POST starts it once.</summary>
    private static Guid IdFromKey(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return new Guid(hash[..16]);
    }
}
