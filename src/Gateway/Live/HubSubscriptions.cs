using System.Collections.Concurrent;
using AiProd.Orchestration;
using Microsoft.AspNetCore.SignalR;

namespace AiProd.Gateway.Live;

/// <summary>
/// The hub's subscriptions: one follower per connection and video, each with its own cursor (a resume starts where
/// that client was), pushing to that connection only. Stopped by <c>Unsubscribe</c>, a new subscription to the same
/// video, or the connection closing.
/// </summary>
public sealed class HubSubscriptions(IHubContext<VideoHub> hub, VideoEventFollower follower, ILogger<HubSubscriptions> logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string Connection, Guid Video), CancellationTokenSource> _running = new();

    public void Start(string connectionId, VideoStatus status, StreamCursor cursor)
    {
        var stop = new CancellationTokenSource();
        _running.AddOrUpdate((connectionId, status.Id), stop, (_, previous) =>
        {
            previous.Cancel();
            return stop;
        });
        _ = Task.Run(() => PushAsync(connectionId, status, cursor, stop), CancellationToken.None);
    }

    public void Stop(string connectionId, Guid videoId)
    {
        if (_running.TryRemove((connectionId, videoId), out var stop))
            stop.Cancel();
    }

    public void StopAll(string connectionId)
    {
        foreach (var key in _running.Keys.Where(k => k.Connection == connectionId))
            Stop(key.Connection, key.Video);
    }

    public void Dispose()
    {
        foreach (var stop in _running.Values)
            stop.Cancel();
        _running.Clear();
    }

    private async Task PushAsync(string connectionId, VideoStatus status, StreamCursor cursor, CancellationTokenSource stop)
    {
        var client = hub.Clients.Client(connectionId);
        try
        {
            // SignalR keeps the connection alive itself: no empty batches.
            await foreach (var events in follower.FollowAsync(status, cursor, TimeSpan.MaxValue, stop.Token))
            {
                foreach (var e in events)
                    await client.SendAsync(VideoHub.EventMethod, new HubEvent(e.Cursor.ToString(), e.Name, e.Data), stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Unsubscribed or disconnected.
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Stopped pushing the events of {VideoId} to a hub connection", status.Id);
        }
        finally
        {
            // Not disposed: a newer subscription may still cancel it; it holds no timer.
            _running.TryRemove(new KeyValuePair<(string, Guid), CancellationTokenSource>((connectionId, status.Id), stop));
        }
    }
}
