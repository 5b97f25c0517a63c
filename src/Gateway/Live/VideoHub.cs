using AiProd.Auth;
using AiProd.Gateway.Security;
using AiProd.Orchestration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace AiProd.Gateway.Live;

/// <summary>
/// <c>/v1/hubs/videos</c> (SignalR, scope <c>videos:read</c>, the caller's own videos): <c>Subscribe(videoId)</c> and
/// <c>Resume(videoId, lastEventId)</c> push the events the SSE stream carries, as <c>event</c> messages
/// (<see cref="HubEvent"/>: the SSE id, name and data); <c>Unsubscribe(videoId)</c> stops them.
/// </summary>
[Authorize(ApiKeyScopes.Read)]
public sealed class VideoHub(VideoStatusReader reader, HubSubscriptions subscriptions) : Hub
{
    public const string Path = "/v1/hubs/videos";

    /// <summary>The client method every event is pushed to.</summary>
    public const string EventMethod = "event";

    /// <summary>Every event of the video from its start, then each as it happens.</summary>
    public Task Subscribe(string videoId) => Start(videoId, null);

    /// <summary>Every event after <paramref name="lastEventId"/> (the id of the last event received), then each as it happens.</summary>
    public Task Resume(string videoId, string lastEventId) => Start(videoId, lastEventId ?? string.Empty);

    public void Unsubscribe(string videoId)
    {
        if (Guid.TryParse(videoId, out var id))
            subscriptions.Stop(Context.ConnectionId, id);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.StopAll(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private async Task Start(string videoId, string? lastEventId)
    {
        // A hub error reaches the client as its message only: the same words the HTTP problems use, naming the argument.
        if (!Guid.TryParse(videoId, out var id))
            throw new HubException($"videoId: '{Truncated(videoId)}' is not a video id (a GUID).");
        var status = await reader.FindAsync(id, Context.ConnectionAborted);
        if (status is null || Context.User is not { } user || !user.MaySee(status.Owner))
            throw new HubException($"videoId: there is no video {id} this key may see.");
        var cursor = lastEventId is null ? StreamCursor.Start : StreamCursor.Parse(lastEventId);
        if (cursor is null)
            throw new HubException("lastEventId: not an event id this hub or the event stream sent; subscribe without it to start over.");
        subscriptions.Start(Context.ConnectionId, status, cursor);
    }

    private static string Truncated(string? text) => text is null ? string.Empty : text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>One event pushed by <see cref="VideoHub"/>: the same id (cursor), name and data as the SSE event.</summary>
public sealed record HubEvent(string Id, string Name, object Data);
