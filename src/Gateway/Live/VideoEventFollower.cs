using System.Runtime.CompilerServices;
using AiProd.Collaboration.Comments;
using AiProd.Orchestration;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway.Live;

/// <summary>
/// The events of one video from a cursor on, as they happen: it reads the saga store and the comment store
/// (<see cref="VideoEventLog.Since"/>), then waits for a signal from the bus or this gateway (<see cref="VideoEventSignals"/>)
/// or, at most, <see cref="LiveOptions.SafetyPoll"/>. Shared by the SSE stream and the SignalR hub, so both carry the same events.
/// </summary>
public sealed class VideoEventFollower(VideoStatusReader reader, VideoComments comments, VideoEventSignals signals, IOptions<LiveOptions> options, TimeProvider time)
{
    /// <summary>
    /// Batches of events after <paramref name="cursor"/>; an empty batch when <paramref name="idle"/> passed without
    /// one (for keep-alives). Ends when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<StreamEvent>> FollowAsync(VideoStatus status, StreamCursor cursor, TimeSpan idle,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var quietSince = time.GetUtcNow();
        // The caller read the status before this signal was taken: read it again, or a change in between would wait for the safety poll.
        var next = signals.Next(status.Id);
        status = await reader.FindAsync(status.Id, cancellationToken) ?? status;
        var woken = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = VideoEventLog.Since(cursor, status, await comments.ListAsync(status.Id, null, cancellationToken));
            if (events.Count > 0)
            {
                cursor = events[^1].Cursor;
                quietSince = time.GetUtcNow();
                yield return events;
            }
            else if (time.GetUtcNow() - quietSince >= idle)
            {
                quietSince = time.GetUtcNow();
                yield return [];
            }

            if (woken && events.Count == 0)
            {
                await Task.Delay(options.Value.SettleDelay, time, cancellationToken);
                woken = false;
            }
            else
            {
                woken = await Wake(next, cancellationToken);
                next = signals.Next(status.Id);
            }

            // The signal is taken before the read: one that comes during the read wakes the next wait at once.
            status = await reader.FindAsync(status.Id, cancellationToken) ?? status;
        }
    }

    /// <summary>True when a signal came, false when the safety poll's time passed.</summary>
    private async Task<bool> Wake(Task next, CancellationToken cancellationToken)
    {
        var poll = Task.Delay(options.Value.SafetyPoll, time, cancellationToken);
        var first = await Task.WhenAny(next, poll);
        if (first == poll)
            await poll; // throws when cancelled
        return first == next;
    }
}
