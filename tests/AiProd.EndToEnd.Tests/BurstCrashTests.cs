using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Contracts;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// Faults of the embedded gateway (every role in one process, SQLite, local assets): a 202 means the video is stored,
/// so a SIGKILL right after a burst of them loses none; and restarts during Render are not a stalled step.
/// </summary>
[Category("EndToEnd")]
[NonParallelizable] // kills timed against a 20 s step deadline and a 6 min budget: alone, not beside another fixture
public class When_the_gateway_is_killed_right_after_accepting
{
    private const int Videos = 20;

    [Test]
    public async Task Should_keep_every_accepted_video_and_finish_each_once()
    {
        var folder = Directory.CreateTempSubdirectory("aiprod-burst-").FullName;
        string[] settings = ["--Saga:ConnectionString", $"Data Source={Path.Combine(folder, "aiprod.db")}", "--Logging:LogLevel:Default", "Warning"];
        try
        {
            var locations = new List<string>();
            await using (var first = await GatewayProcess.StartAsync(folder, settings))
            {
                using var http = first.Client();
                var posts = Enumerable.Range(0, Videos).Select(i =>
                    http.PostAsJsonAsync("/v1/videos", new { prompt = $"A paper lantern number {i} floating over a calm lake", durationSeconds = 2 }));
                foreach (var post in await Task.WhenAll(posts))
                {
                    Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
                    locations.Add(post.Headers.Location!.ToString());
                }

                first.Crash();
            }

            await using var second = await GatewayProcess.StartAsync(folder, settings);
            using var again = second.Client();
            foreach (var location in locations)
                Assert.That((await again.GetAsync(location)).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{location} was accepted before the crash");

            var ends = new List<JsonElement>();
            foreach (var location in locations)
                ends.Add(await Lifecycle.WaitForEnd(again, location, TimeSpan.FromMinutes(6)));
            Assert.Multiple(() =>
            {
                foreach (var status in ends)
                {
                    Assert.That(status.GetProperty("state").GetString(), Is.EqualTo(VideoStages.Complete), status.ToString());
                    Assert.That(status.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("stage").GetString() == VideoStages.InputSanitizer),
                        Is.EqualTo(1), "started once");
                }
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

[Category("EndToEnd")]
[NonParallelizable] // kills timed against a 20 s step deadline and a 6 min budget: alone, not beside another fixture
public class When_the_gateway_is_killed_three_times_during_render
{
    [Test]
    public async Task Should_finish_without_counting_the_restarts_as_a_stalled_step()
    {
        var folder = Directory.CreateTempSubdirectory("aiprod-restarts-").FullName;
        // A short step deadline: were restarts counted as resends, three of them would fail the video.
        string[] settings = ["--Saga:ConnectionString", $"Data Source={Path.Combine(folder, "aiprod.db")}", "--Logging:LogLevel:Default", "Warning",
            "--Pipeline:StepDeadline", "00:00:20", "--Pipeline:MaxStepResends", "2"];
        try
        {
            string location;
            await using (var first = await GatewayProcess.StartAsync(folder, settings))
            {
                using var http = first.Client();
                var post = await http.PostAsJsonAsync("/v1/videos", new { prompt = "A red kite climbing over green hills on a windy day", durationSeconds = 12 });
                location = post.Headers.Location!.ToString();
                await Lifecycle.WaitForState(http, location, VideoStages.Render, TimeSpan.FromMinutes(2));
                first.Crash();
            }

            for (var restart = 1; restart <= 2; restart++)
            {
                await using var gateway = await GatewayProcess.StartAsync(folder, settings);
                await Task.Delay(TimeSpan.FromSeconds(1.5));
                gateway.Crash();
            }

            await using var last = await GatewayProcess.StartAsync(folder, settings);
            using var again = last.Client();
            var status = await Lifecycle.WaitForEnd(again, location, TimeSpan.FromMinutes(4));
            Assert.That(status.GetProperty("state").GetString(), Is.EqualTo(VideoStages.Complete), status.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>Polling a video's status over HTTP.</summary>
internal static class Lifecycle
{
    public static async Task<JsonElement> WaitForEnd(HttpClient http, string location, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement status = default;
        while (DateTime.UtcNow < deadline)
        {
            status = await http.GetFromJsonAsync<JsonElement>(location);
            if (status.GetProperty("state").GetString() is VideoStages.Complete or VideoStages.Failed)
                return status;
            await Task.Delay(200);
        }

        return status;
    }

    public static async Task WaitForState(HttpClient http, string location, string state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var status = await http.GetFromJsonAsync<JsonElement>(location);
            var current = status.GetProperty("state").GetString();
            if (current == state)
                return;
            if (current is VideoStages.Complete or VideoStages.Failed)
                Assert.Fail($"The video ended in {current} before reaching {state}: {status}");
            await Task.Delay(25);
        }

        Assert.Fail($"The video did not reach {state} in time.");
    }
}
