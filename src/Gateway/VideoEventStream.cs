using System.Globalization;
using System.Text.Json;
using AiProd.Collaboration.Comments;
using AiProd.Orchestration;

namespace AiProd.Gateway;

/// <summary>
/// Where an event stream of one video is: how many history entries, decisions and comments it has sent, and the
/// progress it showed last. It is the SSE event id (<c>h.a.c.p</c>), so a client that reconnects with
/// <c>Last-Event-ID</c> gets exactly what came after it: the three lists only grow, and each is read in its order.
/// </summary>
public sealed record StreamCursor(int History, int Approvals, int Comments, int Progress)
{
    public static readonly StreamCursor Start = new(0, 0, 0, -1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{History}.{Approvals}.{Comments}.{Progress}");

    /// <summary>The cursor a Last-Event-ID names; null when it is not one this stream issued.</summary>
    public static StreamCursor? Parse(string? text)
    {
        var parts = text?.Split('.') ?? [];
        if (parts.Length != 4)
            return null;
        var numbers = new int[4];
        for (var i = 0; i < 4; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[i]) || numbers[i] < (i == 3 ? -1 : 0))
                return null;
        }

        return new StreamCursor(numbers[0], numbers[1], numbers[2], numbers[3]);
    }
}

/// <summary>One server-sent event: its name, its JSON data and the cursor after it (its id).</summary>
public sealed record StreamEvent(string Name, object Data, StreamCursor Cursor);

/// <summary>
/// The events of one video since a cursor, as a pure function of what the store holds: <c>state</c> (every history
/// entry), <c>approval</c> (every decision), <c>comment</c> (every comment written), <c>progress</c> (when the figure
/// moved) and, once the video is finished, <c>end</c>.
/// </summary>
public static class VideoEventLog
{
    public static IReadOnlyList<StreamEvent> Since(StreamCursor cursor, VideoStatus status, IReadOnlyList<Comment> comments)
    {
        var events = new List<StreamEvent>();
        var at = cursor;
        for (var i = at.History; i < status.History.Count; i++)
        {
            at = at with { History = i + 1 };
            var h = status.History[i];
            events.Add(new StreamEvent("state", new { videoId = status.Id, stage = h.Stage, h.Attempt, h.EnteredAt, previousOutcome = i > 0 ? status.History[i - 1].Outcome : null }, at));
        }

        for (var i = at.Approvals; i < status.Approvals.Count; i++)
        {
            at = at with { Approvals = i + 1 };
            events.Add(new StreamEvent("approval", new { videoId = status.Id, decision = status.Approvals[i], status.Approval }, at));
        }

        for (var i = at.Comments; i < comments.Count; i++)
        {
            at = at with { Comments = i + 1 };
            var c = comments[i];
            events.Add(new StreamEvent("comment", new { videoId = status.Id, c.Id, c.Version, c.ParentId, author = c.AuthorName, c.Text, c.Anchor, c.At }, at));
        }

        if (status.ProgressPercent != at.Progress)
        {
            at = at with { Progress = status.ProgressPercent };
            events.Add(new StreamEvent("progress", new { videoId = status.Id, status.State, status.ProgressPercent }, at));
        }

        return events;
    }

    public static string Format(StreamEvent e, JsonSerializerOptions json) =>
        $"id: {e.Cursor}\nevent: {e.Name}\ndata: {JsonSerializer.Serialize(e.Data, json)}\n\n";
}
