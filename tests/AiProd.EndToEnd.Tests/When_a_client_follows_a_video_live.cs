using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Auth;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The embedded gateway's Server-Sent Events: state changes, progress, comments and approvals as they happen, and a
/// reconnect with Last-Event-ID that resumes right after the last event seen, missing and repeating nothing.
/// </summary>
[Category("EndToEnd")]
public class When_a_client_follows_a_video_live
{
    private WebApplication _app = null!;
    private string _folder = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartGateway()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gw-events-").FullName;
        _app = GatewayApp.Build([.. InProcessGateway.Settings(_folder)]);
        await _app.StartAsync();
        var key = await _app.Services.GetRequiredService<ApiKeys>().CreateAsync("live", ["videos:submit", "videos:read", "videos:approve", "videos:comment"], "team-a");
        _http = GatewayProcess.Client(InProcessGateway.Address(_app), key.Secret);
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed record Sse(string Id, string Name, JsonElement Data);

    /// <summary>Reads events from a stream until <paramref name="until"/> matches one (returned with all before it).</summary>
    private static async Task<List<Sse>> ReadUntil(StreamReader reader, Func<Sse, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var events = new List<Sse>();
        string? id = null, name = null, data = null;
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
                var e = new Sse(id!, name, JsonDocument.Parse(data!).RootElement);
                events.Add(e);
                (id, name, data) = (null, null, null);
                if (until(e))
                    return events;
            }
        }

        Assert.Fail($"The stream ended after {events.Count} event(s) without the one awaited.");
        return events;
    }

    private async Task<(HttpResponseMessage, StreamReader)> Open(Guid id, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{id}/events");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private static bool Entered(Sse e, string stage) => e.Name == "state" && e.Data.GetProperty("stage").GetString() == stage;

    [Test]
    public async Task Should_stream_states_progress_comments_and_approvals_and_resume_after_the_last_event_id()
    {
        var post = await _http.PostAsJsonAsync("/v1/videos", new
        {
            prompt = "A lighthouse at dusk, waves on the rocks",
            durationSeconds = 2,
            approval = new { roles = new[] { "client" }, points = new[] { "storyboard" } },
        });
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        List<Sse> first;
        var (response, reader) = await Open(id);
        using (response)
        using (reader)
        {
            first = await ReadUntil(reader, e => Entered(e, "AwaitingApproval"));
            Assert.That((await _http.PostAsJsonAsync($"/v1/videos/{id}/comments", new { text = "Warmer, please." })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
            first.AddRange(await ReadUntil(reader, e => e.Name == "comment"));
        }

        Assert.That(first.Where(e => e.Name == "state").Select(e => e.Data.GetProperty("stage").GetString()),
            Is.EqualTo(new[] { "Init", "InputSanitizer", "Analysis", "Creative", "Visual", "Financial", "AwaitingApproval" }));
        Assert.That(first.Any(e => e.Name == "progress"), Is.True);

        // While nobody listens, the video is approved and goes on; the reconnect must bring exactly what came after.
        Assert.That((await _http.PostAsJsonAsync($"/v1/videos/{id}/approve", new { role = "client" })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await _http.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}")).GetProperty("state").GetString() == "AwaitingApproval")
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline));
            await Task.Delay(100);
        }

        List<Sse> second;
        (response, reader) = await Open(id, first[^1].Id);
        using (response)
        using (reader)
            second = await ReadUntil(reader, e => Entered(e, "Complete"));

        Assert.Multiple(() =>
        {
            Assert.That(second[0].Name, Is.AnyOf("state", "approval"), "nothing from before the last event id again");
            Assert.That(second.Where(e => e.Name == "state").Select(e => e.Data.GetProperty("stage").GetString()),
                Is.EqualTo(new[] { "Render", "QaTech", "QaSemantic", "Finalize", "Complete" }), "every state after the last one seen, once");
            Assert.That(second.Single(e => e.Name == "approval").Data.GetProperty("decision").GetProperty("role").GetString(), Is.EqualTo("client"));
            Assert.That(second.Where(e => e.Name == "comment"), Is.Empty, "the comment was seen before");
            Assert.That(second.Select(e => e.Id).Concat(first.Select(e => e.Id)), Is.Unique);
        });

        var bad = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{id}/events") { Headers = { { "Last-Event-ID", "nonsense" } } });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
