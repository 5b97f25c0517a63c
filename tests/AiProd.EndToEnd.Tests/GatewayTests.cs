using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;

namespace AiProd.EndToEnd.Tests;

/// <summary>The real gateway on Kestrel, on a free loopback port, hosting the whole embedded pipeline.</summary>
[Category("EndToEnd")]
public class When_a_client_uses_the_gateway
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _assets = null!;

    [OneTimeSetUp]
    public async Task StartGateway()
    {
        _assets = Directory.CreateTempSubdirectory("aiprod-gw-").FullName;
        _app = GatewayApp.Build([.. InProcessGateway.Settings(_assets)]);
        await _app.StartAsync();
        _http = GatewayProcess.Client(InProcessGateway.Address(_app));
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_assets, recursive: true);
    }

    [Test]
    public async Task Should_accept_follow_and_serve_a_real_mp4()
    {
        var post = await _http.PostAsJsonAsync("/v1/videos", new { prompt = "A paper boat drifting down a rainy street", durationSeconds = 3, aspectRatio = "1:1" });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await post.Content.ReadAsStringAsync());
        var location = post.Headers.Location!.ToString();
        Assert.That(location, Does.StartWith("/v1/videos/"));

        JsonElement status = default;
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            status = await _http.GetFromJsonAsync<JsonElement>(location);
            var state = status.GetProperty("state").GetString()!;
            if (seen.LastOrDefault() != state)
                seen.Add(state);
            if (state is "Complete" or "Failed")
                break;
            await Task.Delay(200);
        }

        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("Complete"), status.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("progressPercent").GetInt32(), Is.EqualTo(100));
            Assert.That(status.GetProperty("qa").GetProperty("technical").GetProperty("passed").GetBoolean(), Is.True);
            Assert.That(status.GetProperty("qa").GetProperty("semantic").GetProperty("overall").GetProperty("score").GetDouble(), Is.GreaterThanOrEqualTo(7.0));
            Assert.That(status.GetProperty("cost").GetProperty("actualUsd").GetDecimal(), Is.GreaterThan(0m));
            Assert.That(status.GetProperty("history").GetArrayLength(), Is.GreaterThanOrEqualTo(11));
            Assert.That(status.GetProperty("links").GetProperty("content").GetString(), Is.EqualTo($"{location}/content"));
        });

        var file = Path.Combine(_assets, "download.mp4");
        await using (var body = await _http.GetStreamAsync($"{location}/content"))
        await using (var target = File.Create(file))
            await body.CopyToAsync(target);
        var probe = await Probe.ReadAsync(file);
        Assert.Multiple(() =>
        {
            Assert.That(probe.Duration, Is.EqualTo(3.0).Within(0.2));
            Assert.That((probe.Width, probe.Height), Is.EqualTo((720, 720)));
            Assert.That(probe.VideoCodec, Is.EqualTo("h264"));
            Assert.That(probe.AudioCodec, Is.EqualTo("aac"));
        });

        var manifest = await _http.GetFromJsonAsync<JsonElement>($"{location}/manifest");
        Assert.That(manifest.GetProperty("shots").GetArrayLength(), Is.GreaterThan(0));

        // Narrated by default: the subtitles are linked and say the manifest's lines.
        var srtLink = status.GetProperty("links").GetProperty("subtitlesSrt").GetString();
        Assert.That(srtLink, Is.EqualTo($"{location}/subtitles.srt"));
        var srt = await _http.GetStringAsync(srtLink);
        var firstLine = manifest.GetProperty("narration")[0].GetProperty("text").GetString()!;
        Assert.That(srt, Does.StartWith("1\n00:00:00,250 --> ").And.Contain(firstLine));
        Assert.That(await _http.GetStringAsync(status.GetProperty("links").GetProperty("subtitlesVtt").GetString()), Does.StartWith("WEBVTT"));
    }

    [Test]
    public async Task Should_name_each_bad_narration_field()
    {
        var post = await _http.PostAsJsonAsync("/v1/videos", new { prompt = "A calm lake", language = "klingon!", speechRate = 5, voice = "a b", burnSubtitles = "yes" });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty("burnSubtitles", out _), Is.True, errors.ToString());

        post = await _http.PostAsJsonAsync("/v1/videos", new { prompt = "A calm lake", language = "klingon!", speechRate = 5, voice = "a b" });
        errors = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Multiple(() =>
        {
            Assert.That(errors.TryGetProperty("language", out _), Is.True, errors.ToString());
            Assert.That(errors.TryGetProperty("speechRate", out _), Is.True, errors.ToString());
            Assert.That(errors.TryGetProperty("voice", out _), Is.True, errors.ToString());
        });
    }

    [Test]
    public async Task Should_answer_bad_input_with_problem_details_naming_each_field()
    {
        var post = await _http.PostAsJsonAsync("/v1/videos", new { prompt = "", durationSeconds = 500, budgetUsd = 0.01 });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(post.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Multiple(() =>
        {
            Assert.That(errors.TryGetProperty("prompt", out _), Is.True, problem.ToString());
            Assert.That(errors.TryGetProperty("durationSeconds", out _), Is.True, problem.ToString());
            Assert.That(errors.TryGetProperty("budgetUsd", out _), Is.True, problem.ToString());
        });
    }

    [Test]
    public async Task Should_answer_malformed_json_with_a_400_problem()
    {
        var post = await _http.PostAsync("/v1/videos", new StringContent("{\"prompt\": \"x\", \"durationSeconds\": \"ten\"}", Encoding.UTF8, "application/json"));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty("durationSeconds", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Should_refuse_an_oversized_body_with_413()
    {
        var post = await _http.PostAsJsonAsync("/v1/videos", new { prompt = new string('a', 100_000) });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(post.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Should_refuse_a_body_that_is_not_json_with_415()
    {
        var post = await _http.PostAsync("/v1/videos", new StringContent("make me a video", Encoding.UTF8, "text/plain"));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task Should_start_one_video_for_a_repeated_idempotency_key()
    {
        async Task<string> Post()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = JsonContent.Create(new { prompt = "A calm lake at dawn", durationSeconds = 2 }) };
            request.Headers.Add("Idempotency-Key", "same-key-" + GetHashCode());
            var response = await _http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        var first = await Post();
        var second = await Post();
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public async Task Should_list_videos_newest_first_in_pages_and_filter_by_state()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var post = await _http.PostAsJsonAsync("/v1/videos", new { prompt = $"Listing test {i}", durationSeconds = 500 - i });
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "invalid requests are never listed");
            var ok = await _http.PostAsJsonAsync("/v1/videos", new { prompt = $"A slow sunrise over a quiet bay, take {i}", durationSeconds = 2 });
            ids.Add((await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            await Task.Delay(20);
        }

        await Task.Delay(300);
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _http.GetFromJsonAsync<JsonElement>($"/v1/videos?pageSize=2{(token is null ? "" : $"&pageToken={token}")}");
            Assert.That(page.GetProperty("items").GetArrayLength(), Is.LessThanOrEqualTo(2));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()!));
            token = page.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);

        Assert.That(seen.Where(ids.Contains), Is.EqualTo(Enumerable.Reverse(ids)), "newest first, each once");
        Assert.That(seen, Is.Unique);

        var failed = await _http.GetFromJsonAsync<JsonElement>("/v1/videos?state=Failed");
        Assert.That(failed.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("state").GetString()), Is.All.EqualTo("Failed"));
    }

    [TestCase("/v1/videos?pageSize=0")]
    [TestCase("/v1/videos?state=Rendering")]
    [TestCase("/v1/videos?pageToken=garbage")]
    public async Task Should_refuse_a_bad_list_query_with_a_problem(string path)
    {
        var response = await _http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase("/v1/videos/not-a-uuid", HttpStatusCode.BadRequest)]
    [TestCase("/v1/videos/6f1c3a2e-0000-4000-8000-000000000000", HttpStatusCode.NotFound)]
    [TestCase("/v1/videos/6f1c3a2e-0000-4000-8000-000000000000/content", HttpStatusCode.NotFound)]
    public async Task Should_answer_unknown_or_bad_ids_with_a_problem(string path, HttpStatusCode expected)
    {
        var response = await _http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(expected));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase("/health")]
    [TestCase("/alive")]
    public async Task Should_report_healthy(string path)
    {
        var response = await _http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}

/// <summary>A deployment whose only renderer costs more than the caller's budget.</summary>
[Category("EndToEnd")]
public class When_no_backend_fits_the_budget
{
    [Test]
    public async Task Should_show_the_failure_with_stage_code_message_and_retryability()
    {
        var assets = Directory.CreateTempSubdirectory("aiprod-gw-").FullName;
        await using var app = GatewayApp.Build([.. InProcessGateway.Settings(assets), "--Financial:PricesPerSecondUsd:local", "1.00"]);
        await app.StartAsync();
        try
        {
            using var http = GatewayProcess.Client(InProcessGateway.Address(app));
            var post = await http.PostAsJsonAsync("/v1/videos", new { prompt = "A red kite over green hills", durationSeconds = 4, budgetUsd = 0.50 });
            var location = post.Headers.Location!.ToString();

            JsonElement status = default;
            for (var i = 0; i < 100; i++)
            {
                status = await http.GetFromJsonAsync<JsonElement>(location);
                if (status.GetProperty("state").GetString() == "Failed")
                    break;
                await Task.Delay(100);
            }

            var error = status.GetProperty("error");
            Assert.Multiple(() =>
            {
                Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("Failed"), status.ToString());
                Assert.That(status.GetProperty("stage").GetString(), Is.EqualTo("Financial"));
                Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("budget_exceeded"));
                Assert.That(error.GetProperty("message").GetString(), Does.Contain("$0.50"));
                Assert.That(error.GetProperty("retryable").GetBoolean(), Is.False);
            });

            var content = await http.GetAsync($"{location}/content");
            Assert.That(content.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            var problem = await content.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("budget_exceeded"));
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(assets, recursive: true);
        }
    }
}
