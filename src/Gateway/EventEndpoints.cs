using System.Security.Claims;
using AiProd.Auth;
using AiProd.Gateway.Input;
using AiProd.Gateway.Live;
using AiProd.Gateway.Security;
using AiProd.Orchestration;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway;

/// <summary>
/// <c>GET /v1/videos/{id}/events</c> (scope <c>videos:read</c>, the caller's own videos): Server-Sent Events of the
/// video's state changes, progress, approvals and comments as they happen: the stores are read whenever the bus or this
/// gateway signals a change to the video (<see cref="VideoEventFollower"/>), and at least every
/// <see cref="LiveOptions.SafetyPoll"/>. Each event's id is a <see cref="StreamCursor"/>; a reconnect with
/// <c>Last-Event-ID</c> resumes right after it.
/// </summary>
public static class EventEndpoints
{
    /// <summary>How soon a client that lost the stream reconnects (the SSE <c>retry</c> field).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/videos/{id}/events", Stream).RequireAuthorization(ApiKeyScopes.Read);
        return app;
    }

    private static async Task<IResult> Stream(string id, HttpContext http, ClaimsPrincipal user, VideoStatusReader reader, VideoEventFollower follower,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var videoId))
            return VideoEndpoints.BadId(id);
        var status = await reader.FindAsync(videoId, cancellationToken);
        if (status is null || !user.MaySee(status.Owner))
            return VideoEndpoints.NotFound(videoId);
        var lastId = http.Request.Headers["Last-Event-ID"].ToString();
        var cursor = lastId.Length == 0 ? StreamCursor.Start : StreamCursor.Parse(lastId);
        if (cursor is null)
            return Problems.Field("Last-Event-ID", "Last-Event-ID is not an event id this stream sent; reconnect without it to start over.", "The event stream cannot resume.");

        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync($"retry: {(int)RetryAfter.TotalMilliseconds}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        try
        {
            await foreach (var events in follower.FollowAsync(status, cursor, KeepAlive, cancellationToken))
            {
                if (events.Count == 0)
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                foreach (var e in events)
                    await response.WriteAsync(VideoEventLog.Format(e, json.Value.SerializerOptions), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }

        return Results.Empty;
    }
}
