using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace AiProd.EndToEnd.Tests;

/// <summary>One event of a video's live stream, as the SSE stream and the SignalR hub both carry it.</summary>
internal sealed record LiveEvent(string Id, string Name, JsonElement Data)
{
    /// <summary>A <c>state</c> event that entered <paramref name="stage"/>.</summary>
    public bool Entered(string stage) => Name == "state" && Data.GetProperty("stage").GetString() == stage;
}

/// <summary>
/// The two live clients of a gateway, shared by the embedded and the distributed tests: the Server-Sent Events of
/// <c>GET /v1/videos/{id}/events</c> and the SignalR hub at <c>/v1/hubs/videos</c>. Every wait gives up after 90 s.
/// </summary>
internal static class LiveStreams
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Opens the SSE stream of a video (resuming after <paramref name="lastEventId"/> when given).</summary>
    public static async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenAsync(HttpClient http, Guid id, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{id}/events");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Reads events from a stream until <paramref name="until"/> matches one (returned with all before it).</summary>
    public static async Task<List<LiveEvent>> ReadUntilAsync(StreamReader reader, Func<LiveEvent, bool> until)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var events = new List<LiveEvent>();
        string? id = null, name = null, data = null;
        try
        {
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                    id = line[4..];
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                    name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    data = line[6..];
                else if (line.Length == 0 && name is not null)
                {
                    var e = new LiveEvent(id!, name, JsonDocument.Parse(data!).RootElement);
                    events.Add(e);
                    (id, name, data) = (null, null, null);
                    if (until(e))
                        return events;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"No awaited event within {Patience.TotalSeconds:0} s; the stream brought: {Names(events)}");
        }

        Assert.Fail($"The stream ended after {events.Count} event(s) without the one awaited: {Names(events)}");
        return events;
    }

    /// <summary>A hub connection that sends <paramref name="key"/> as its access token (not started).</summary>
    public static HubConnection Hub(Uri gateway, string key) => new HubConnectionBuilder()
        .WithUrl(new Uri(gateway, "/v1/hubs/videos"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
        .Build();

    /// <summary>Collects the hub's events; the function returned waits for one that matches (returned with all before it).</summary>
    public static Func<Func<LiveEvent, bool>, Task<List<LiveEvent>>> Collect(HubConnection hub)
    {
        var channel = Channel.CreateUnbounded<LiveEvent>();
        hub.On<LiveEvent>("event", e => channel.Writer.TryWrite(e));
        return Until;

        async Task<List<LiveEvent>> Until(Func<LiveEvent, bool> until)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var seen = new List<LiveEvent>();
            try
            {
                while (true)
                {
                    var e = await channel.Reader.ReadAsync(timeout.Token);
                    seen.Add(e);
                    if (until(e))
                        return seen;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Assert.Fail($"No awaited hub event within {Patience.TotalSeconds:0} s; the hub brought: {Names(seen)}");
                return seen;
            }
        }
    }

    /// <summary>The stages of the <c>state</c> events, in order.</summary>
    public static IEnumerable<string?> Stages(IEnumerable<LiveEvent> events) =>
        events.Where(e => e.Name == "state").Select(e => e.Data.GetProperty("stage").GetString());

    private static string Names(IEnumerable<LiveEvent> events) =>
        string.Join(", ", events.Select(e => e.Name == "state" ? $"state {e.Data.GetProperty("stage").GetString()}" : e.Name));
}
