using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Auth;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The embedded gateway's Server-Sent Events and SignalR hub: state changes, progress, comments and approvals as they
/// happen, and a reconnect with Last-Event-ID that resumes right after the last event seen, missing and repeating
/// nothing. The safety poll is set to ten minutes here, so every event must come from a signal (the bus, or a comment
/// written on this gateway): a stream that only polled would see nothing after its first read.
/// </summary>
[Category("EndToEnd")]
public class When_a_client_follows_a_video_live
{
    private WebApplication _app = null!;
    private string _folder = null!;
    private HttpClient _http = null!;
    private Uri _address = null!;
    private string _key = null!;
    private string _otherKey = null!;

    [OneTimeSetUp]
    public async Task StartGateway()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gw-events-").FullName;
        _app = GatewayApp.Build([.. InProcessGateway.Settings(_folder), "--Live:SafetyPoll", "00:10:00"]);
        await _app.StartAsync();
        var keys = _app.Services.GetRequiredService<ApiKeys>();
        _key = (await keys.CreateAsync("live", ["videos:submit", "videos:read", "videos:approve", "videos:comment"], "team-a")).Secret;
        _otherKey = (await keys.CreateAsync("other", ["videos:read"], "team-b")).Secret;
        _address = InProcessGateway.Address(_app);
        _http = GatewayProcess.Client(_address, _key);
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

    private Task<(HttpResponseMessage, StreamReader)> Open(Guid id, string? lastEventId = null) => LiveStreams.OpenAsync(_http, id, lastEventId);

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

        List<LiveEvent> first;
        var (response, reader) = await Open(id);
        using (response)
        using (reader)
        {
            first = await LiveStreams.ReadUntilAsync(reader, e => e.Entered("AwaitingApproval"));
            Assert.That((await _http.PostAsJsonAsync($"/v1/videos/{id}/comments", new { text = "Warmer, please." })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
            first.AddRange(await LiveStreams.ReadUntilAsync(reader, e => e.Name == "comment"));
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

        List<LiveEvent> second;
        (response, reader) = await Open(id, first[^1].Id);
        using (response)
        using (reader)
            second = await LiveStreams.ReadUntilAsync(reader, e => e.Entered("Complete"));

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

    private async Task<Guid> SubmitWithStoryboardApproval(string prompt)
    {
        var post = await _http.PostAsJsonAsync("/v1/videos", new
        {
            prompt,
            durationSeconds = 2,
            approval = new { roles = new[] { "client" }, points = new[] { "storyboard" } },
        });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        return (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private HubConnection Hub(string key) => LiveStreams.Hub(_address, key);

    [Test]
    public async Task Should_push_states_progress_comments_and_approvals_to_a_hub_subscriber_and_resume_after_the_last_id()
    {
        var id = await SubmitWithStoryboardApproval("A windmill turning slowly in a field of tulips");
        await using var hub = Hub(_key);
        var until = LiveStreams.Collect(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", id.ToString());

        var first = await until(e => e.Entered("AwaitingApproval"));
        Assert.That((await _http.PostAsJsonAsync($"/v1/videos/{id}/comments", new { text = "More sky." })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        first.AddRange(await until(e => e.Name == "comment"));
        await hub.InvokeAsync("Unsubscribe", id.ToString());

        Assert.That(first.Where(e => e.Name == "state").Select(e => e.Data.GetProperty("stage").GetString()),
            Is.EqualTo(new[] { "Init", "InputSanitizer", "Analysis", "Creative", "Visual", "Financial", "AwaitingApproval" }));
        Assert.That(first.Any(e => e.Name == "progress"), Is.True);
        Assert.That(first.Single(e => e.Name == "comment").Data.GetProperty("text").GetString(), Is.EqualTo("More sky."));

        // Approved while unsubscribed; the resume from the last id brings the approval and every later state, once.
        Assert.That((await _http.PostAsJsonAsync($"/v1/videos/{id}/approve", new { role = "client" })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await hub.InvokeAsync("Resume", id.ToString(), first[^1].Id);
        var second = await until(e => e.Entered("Complete"));
        Assert.Multiple(() =>
        {
            Assert.That(second.Single(e => e.Name == "approval").Data.GetProperty("decision").GetProperty("role").GetString(), Is.EqualTo("client"));
            Assert.That(second.Where(e => e.Name == "state").Select(e => e.Data.GetProperty("stage").GetString()),
                Is.EqualTo(new[] { "Render", "QaTech", "QaSemantic", "Finalize", "Complete" }));
            Assert.That(second.Select(e => e.Id).Concat(first.Select(e => e.Id)), Is.Unique);
        });
    }

    [Test]
    public async Task Should_refuse_a_hub_subscription_to_another_owners_video_and_a_hub_without_a_key()
    {
        var id = await SubmitWithStoryboardApproval("A red kite over a beach");
        await using var other = Hub(_otherKey);
        await other.StartAsync();
        var refused = Assert.ThrowsAsync<HubException>(() => other.InvokeAsync("Subscribe", id.ToString()));
        Assert.That(refused!.Message, Does.Contain("videoId").And.Contain("no video"));

        await using var anonymous = new HubConnectionBuilder().WithUrl(new Uri(_address, "/v1/hubs/videos")).Build();
        var unauthorized = Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.That(unauthorized!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        // The browser's way: the key as access_token in the query (the negotiate request here; the WebSocket the same).
        using var bare = new HttpClient { BaseAddress = _address };
        var negotiate = await bare.PostAsync($"/v1/hubs/videos/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(_otherKey)}", null);
        Assert.That(negotiate.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_show_storyboard_approvers_an_animatic_timed_like_the_plan_with_no_render_billed()
    {
        var id = await SubmitWithStoryboardApproval("Three paper lanterns rising over a dark lake");
        var (response, reader) = await Open(id);
        using (response)
        using (reader)
            await LiveStreams.ReadUntilAsync(reader, e => e.Entered("AwaitingApproval"));

        var status = await _http.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}");
        Assert.That(status.GetProperty("links").GetProperty("animatic").GetString(), Is.EqualTo($"/v1/videos/{id}/animatic"));
        // It is made beside the wait: a 404 with Retry-After until it is stored (a second or so).
        HttpResponseMessage animatic;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((animatic = await _http.GetAsync($"/v1/videos/{id}/animatic")).StatusCode == HttpStatusCode.NotFound)
        {
            Assert.That(animatic.Headers.RetryAfter, Is.Not.Null, "a 404 while waiting says when to ask again");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the animatic was never stored");
            await Task.Delay(200);
        }

        Assert.That(animatic.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(animatic.Content.Headers.ContentType?.MediaType, Is.EqualTo("video/mp4"));
        var file = Path.Combine(_folder, $"{id}-animatic.mp4");
        await File.WriteAllBytesAsync(file, await animatic.Content.ReadAsByteArrayAsync());
        var version = await _http.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}/versions/1");
        var planned = version.GetProperty("shots").EnumerateArray().Sum(s => s.GetProperty("durationSeconds").GetDouble());
        var (width, duration) = await Probe(file);

        status = await _http.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}");
        Assert.Multiple(() =>
        {
            Assert.That(duration, Is.EqualTo(planned).Within(0.5), "timed like the plan");
            Assert.That(width, Is.EqualTo(320));
            Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("AwaitingApproval"));
            Assert.That(status.GetProperty("cost").GetProperty("actualUsd").GetDecimal(), Is.Zero, "nothing billed before the approval");
            Assert.That(status.GetProperty("renders").GetArrayLength(), Is.Zero, "no shot rendered before the approval");
        });
    }

    /// <summary>The first video stream's width and the file's duration, read by ffprobe.</summary>
    private static async Task<(int Width, double Duration)> Probe(string file)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width:format=duration", "-of", "json", file])
        {
            RedirectStandardOutput = true,
        })!;
        var json = JsonDocument.Parse(await process.StandardOutput.ReadToEndAsync()).RootElement;
        await process.WaitForExitAsync();
        return (json.GetProperty("streams")[0].GetProperty("width").GetInt32(),
            double.Parse(json.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
