using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Contracts;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// Kill the gateway (SIGKILL) while a video is in a given state, start it again on the same SQLite file and assets:
/// the video finishes, no shot is rendered or paid for twice, and it completes once.
/// </summary>
[Category("EndToEnd")]
[NonParallelizable] // a whole deployment of processes (or a timed kill): alone
public class When_the_process_is_killed_mid_pipeline
{
    [TestCase(VideoStages.Render)]
    [TestCase(VideoStages.QaTech)]
    [TestCase(VideoStages.QaSemantic)]
    public async Task Should_resume_and_finish_exactly_once(string killIn)
    {
        var folder = Directory.CreateTempSubdirectory("aiprod-crash-").FullName;
        string[] settings = ["--Saga:ConnectionString", $"Data Source={Path.Combine(folder, "aiprod.db")}", "--Logging:LogLevel:Default", "Warning"];
        try
        {
            string location;
            string killedIn;
            await using (var first = await GatewayProcess.StartAsync(folder, settings))
            {
                using var http = first.Client();
                var post = await http.PostAsJsonAsync("/v1/videos", new { prompt = "A windmill turning slowly in a golden wheat field", durationSeconds = 6 });
                location = post.Headers.Location!.ToString();
                killedIn = await WaitUntilAtLeast(http, location, killIn);
                first.Crash();
            }

            await TestContext.Out.WriteLineAsync($"killed in {killedIn}");
            Assert.That(killedIn, Is.Not.EqualTo(VideoStages.Complete), "the video finished before the crash; nothing was tested");

            await using var second = await GatewayProcess.StartAsync(folder, settings);
            using var again = second.Client();
            var status = await WaitForEnd(again, location);
            Assert.That(status.GetProperty("state").GetString(), Is.EqualTo(VideoStages.Complete), $"killed in {killedIn}; then: {status}");

            var manifest = await again.GetFromJsonAsync<JsonElement>($"{location}/manifest");
            var shots = manifest.GetProperty("shots").EnumerateArray().Select(s => s.GetProperty("shotId").GetString()).ToList();
            var renders = manifest.GetProperty("renderedShots").EnumerateArray().ToList();
            var id = Guid.Parse(status.GetProperty("id").GetString()!);
            var clips = Directory.GetFiles(Path.Combine(folder, "assets", id.ToString("N"), "shots"), "*.mp4");
            var history = status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("stage").GetString()).ToList();
            var listed = await again.GetFromJsonAsync<JsonElement>("/v1/videos?state=Complete");
            Assert.Multiple(() =>
            {
                Assert.That(renders.Select(r => r.GetProperty("shotId").GetString()), Is.EquivalentTo(shots), $"killed in {killedIn}: each shot paid for once");
                Assert.That(clips, Has.Length.EqualTo(shots.Count), "each shot stored once");
                Assert.That(status.GetProperty("cost").GetProperty("actualUsd").GetDecimal(),
                    Is.EqualTo(renders.Sum(r => r.GetProperty("costUsd").GetDecimal())));
                Assert.That(history.Count(h => h == VideoStages.Complete), Is.EqualTo(1));
                Assert.That(listed.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()), Does.Contain(id.ToString()),
                    "the restarted gateway lists the video from before the crash");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Polls until the video reaches <paramref name="target"/> (or any later state); returns the state seen.</summary>
    private static async Task<string> WaitUntilAtLeast(HttpClient http, string location, string target)
    {
        var order = VideoStages.Ordered.ToList();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var status = await http.GetFromJsonAsync<JsonElement>(location);
            var state = status.GetProperty("state").GetString()!;
            var renderedSome = state != VideoStages.Render || status.GetProperty("progressPercent").GetInt32() > 25;
            if (state == VideoStages.Failed || (order.IndexOf(state) >= order.IndexOf(target) && renderedSome))
                return state;
            await Task.Delay(25);
        }

        Assert.Fail($"The video did not reach {target} in time.");
        return null!;
    }

    private static async Task<JsonElement> WaitForEnd(HttpClient http, string location)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
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
}
