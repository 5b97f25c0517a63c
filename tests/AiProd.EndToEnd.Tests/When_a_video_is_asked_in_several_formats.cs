using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Contracts;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;

namespace AiProd.EndToEnd.Tests;

/// <summary>One request, three aspect ratios: one plan and one render of each shot, each format reframed, checked and delivered.</summary>
[Category("EndToEnd")]
public class When_a_video_is_asked_in_several_formats
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _assets = null!;

    [OneTimeSetUp]
    public async Task StartGateway()
    {
        _assets = Directory.CreateTempSubdirectory("aiprod-formats-").FullName;
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
    public async Task Should_deliver_each_format_at_its_size_from_one_render_of_each_shot()
    {
        var post = await _http.PostAsJsonAsync("/v1/videos", new
        {
            prompt = "A lighthouse at dusk, waves crashing on the rocks",
            durationSeconds = 3,
            formats = new[] { "16:9", "9:16", "1:1" },
            burnSubtitles = true,
        });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await post.Content.ReadAsStringAsync());
        var location = post.Headers.Location!.ToString();
        var status = await Lifecycle.WaitForEnd(_http, location, TimeSpan.FromMinutes(3));
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo(VideoStages.Complete), status.ToString());

        var technical = status.GetProperty("qa").GetProperty("technical");
        var verdicts = technical.GetProperty("formats").EnumerateArray()
            .ToDictionary(f => f.GetProperty("aspectRatio").GetString()!, f => (Passed: f.GetProperty("passed").GetBoolean(), Reframe: f.GetProperty("reframe").GetString()));
        var manifest = await _http.GetFromJsonAsync<JsonElement>($"{location}/manifest");
        var plan = manifest.GetProperty("shots").EnumerateArray().Select(s => s.GetProperty("shotId").GetString()!).Order().ToList();
        var billed = status.GetProperty("renders").EnumerateArray().Select(r => r.GetProperty("shotId").GetString()!).Order().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(verdicts, Is.EqualTo(new Dictionary<string, (bool, string?)>
            {
                ["16:9"] = (true, "master"),
                ["9:16"] = (true, "blur-pad"),
                ["1:1"] = (true, "crop"),
            }), technical.ToString());
            Assert.That(billed, Is.EqualTo(plan), "every shot rendered and billed once, not once per format");
            Assert.That(manifest.GetProperty("formats").EnumerateArray().Select(f => f.GetProperty("file").GetString()),
                Is.EqualTo(new[] { "video.mp4", "video.9x16.mp4", "video.1x1.mp4" }));
        });

        var links = status.GetProperty("links").GetProperty("formats");
        var expected = new Dictionary<string, (int, int)> { ["16:9"] = (1280, 720), ["9:16"] = (720, 1280), ["1:1"] = (720, 720) };
        var durations = new List<double>();
        foreach (var (format, size) in expected)
        {
            var link = links.GetProperty(format).GetString()!;
            Assert.That(link, Is.EqualTo($"{location}/content?format={Uri.EscapeDataString(format)}"));
            var file = Path.Combine(_assets, $"download-{format.Replace(':', 'x')}.mp4");
            await using (var body = await _http.GetStreamAsync(link))
            await using (var target = File.Create(file))
                await body.CopyToAsync(target);
            var probe = await Probe.ReadAsync(file);
            durations.Add(probe.Duration);
            Assert.Multiple(() =>
            {
                Assert.That((probe.Width, probe.Height), Is.EqualTo(size), format);
                Assert.That(probe.Duration, Is.EqualTo(3.0).Within(0.2), format);
                Assert.That(probe.AudioCodec, Is.EqualTo("aac"), format);
            });
        }

        Assert.That(durations.Max() - durations.Min(), Is.LessThan(0.05), "every format lasts as long as the master");
        var absent = await _http.GetAsync($"{location}/content?format=4:3");
        Assert.That(absent.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await absent.Content.ReadAsStringAsync(), Does.Contain("\"format\""));
    }

    [TestCase("[\"16:9\", \"4:3\"]", "4:3")]
    [TestCase("[\"9:16\", \"9:16\"]", "more than once")]
    [TestCase("\"16:9\"", "array")]
    public async Task Should_refuse_unknown_or_repeated_formats_naming_the_field(string formats, string said)
    {
        using var body = new StringContent($$"""{"prompt": "A lighthouse at dusk", "formats": {{formats}}}""", System.Text.Encoding.UTF8, "application/json");
        var post = await _http.PostAsync("/v1/videos", body);
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToString());
            Assert.That(problem.GetProperty("errors").TryGetProperty("formats", out var errors), Is.True, problem.ToString());
            Assert.That(errors.ToString(), Does.Contain(said));
        });
    }
}
