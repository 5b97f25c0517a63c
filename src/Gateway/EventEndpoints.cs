using System.Security.Claims;
using AiProd.Auth;
using AiProd.Collaboration.Comments;
using AiProd.Gateway.Input;
using AiProd.Gateway.Security;
using AiProd.Orchestration;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway;

/// <summary>
/// <c>GET /v1/videos/{id}/events</c> (scope <c>videos:read</c>, the caller's own videos): Server-Sent Events of the
/// video's state changes, progress, approvals and comments, read from the saga store and the comment store every
/// <see cref="PollInterval"/>, so it works the same in embedded and distributed mode and on any gateway replica. Each
/// event's id is a <see cref="StreamCursor"/>; a reconnect with <c>Last-Event-ID</c> resumes right after it.
/// </summary>
public static class EventEndpoints
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/videos/{id}/events", Stream).RequireAuthorization(ApiKeyScopes.Read);
        return app;
    }

    private static async Task<IResult> Stream(string id, HttpContext http, ClaimsPrincipal user, VideoStatusReader reader, VideoComments comments,
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
        await response.WriteAsync($"retry: {(int)PollInterval.TotalMilliseconds * 2}\n\n", cancellationToken);
        var quiet = TimeSpan.Zero;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var events = VideoEventLog.Since(cursor, status, await comments.ListAsync(videoId, null, cancellationToken));
                foreach (var e in events)
                    await response.WriteAsync(VideoEventLog.Format(e, json.Value.SerializerOptions), cancellationToken);
                if (events.Count > 0)
                {
                    cursor = events[^1].Cursor;
                    quiet = TimeSpan.Zero;
                }
                else if ((quiet += PollInterval) >= KeepAlive)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    quiet = TimeSpan.Zero;
                }

                await response.Body.FlushAsync(cancellationToken);
                await Task.Delay(PollInterval, cancellationToken);
                status = await reader.FindAsync(videoId, cancellationToken) ?? status;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }

        return Results.Empty;
    }
}
