using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Contracts;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// Embedded mode (every role in the gateway's process, SQLite, local assets, the in-memory bus that keeps nothing):
/// the process SIGKILLed while a video is in a given stage, then started again on the same data. The restart resumes
/// the video from what its saga document holds (stage, outbox), and it completes once: each stage entered once, every
/// shot of the plan billed once, the cost the sum of its renders. A stage shorter than a status poll may be passed
/// before the kill, so each case prints the stage it really killed in.
/// </summary>
[Category("EndToEnd")]
[Category("Faults")]
[NonParallelizable]
public sealed class When_the_embedded_gateway_is_killed_in_a_stage
{
    private string _folder = null!;
    private string[] _settings = null!;

    [OneTimeSetUp]
    public void CreateData()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-kill-stage-").FullName;
        _settings = ["--Saga:ConnectionString", $"Data Source={Path.Combine(_folder, "aiprod.db")}", "--Logging:LogLevel:Default", "Warning"];
    }

    [OneTimeTearDown]
    public void DeleteData() => Directory.Delete(_folder, recursive: true);

    [TestCase(VideoStages.InputSanitizer)]
    [TestCase(VideoStages.Analysis)]
    [TestCase(VideoStages.Creative)]
    [TestCase(VideoStages.Visual)]
    [TestCase(VideoStages.Financial)]
    [TestCase(VideoStages.Render)]
    [TestCase(VideoStages.QaTech)]
    [TestCase(VideoStages.QaSemantic)]
    [TestCase(VideoStages.Finalize)]
    public async Task Should_resume_and_complete_once(string stage)
    {
        string location;
        string killedIn;
        await using (var first = await GatewayProcess.StartAsync(_folder, _settings))
        {
            using var http = first.Client();
            var post = await http.PostAsJsonAsync("/v1/videos", new { prompt = "A windmill turning slowly in a golden wheat field", durationSeconds = 2 });
            location = post.Headers.Location!.ToString();
            killedIn = await KillWhenInAsync(first, http, location, stage);
        }

        await TestContext.Out.WriteLineAsync($"killed in {killedIn} (aimed at {stage})");
        if (killedIn == VideoStages.Complete)
            Assert.Inconclusive($"The video finished before the gateway could be killed in {stage}; nothing was tested.");

        await using var second = await GatewayProcess.StartAsync(_folder, _settings);
        using var again = second.Client();
        var status = await Lifecycle.WaitForEnd(again, location, TimeSpan.FromMinutes(3));
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo(VideoStages.Complete), $"killed in {killedIn}: {status}");

        var manifest = await again.GetFromJsonAsync<JsonElement>($"{location}/manifest");
        var plan = manifest.GetProperty("shots").EnumerateArray().Select(s => s.GetProperty("shotId").GetString()!).Order().ToList();
        var renders = status.GetProperty("renders").EnumerateArray().ToList();
        var billed = renders.Select(r => r.GetProperty("shotId").GetString()!).Order().ToList();
        var entered = status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("stage").GetString()!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(billed, Is.EqualTo(plan), $"killed in {killedIn}: every shot of the plan billed once");
            Assert.That(status.GetProperty("cost").GetProperty("actualUsd").GetDecimal(), Is.EqualTo(renders.Sum(r => r.GetProperty("costUsd").GetDecimal())),
                "the cost is the sum of the renders");
            Assert.That(entered.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty,
                $"killed in {killedIn}: a stage was entered twice ({string.Join(" → ", entered)})");
        });
    }

    /// <summary>Polls the status as fast as it answers and SIGKILLs the gateway once the video is in <paramref name="stage"/> or past it.</summary>
    private static async Task<string> KillWhenInAsync(GatewayProcess gateway, HttpClient http, string location, string stage)
    {
        var state = await StageKill.WhenInAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>(location)).GetProperty("state").GetString(), gateway.Crash, stage, TimeSpan.Zero, () => "");
        if (state == VideoStages.Failed)
            Assert.Fail($"The video failed before it reached {stage}.");
        return state;
    }
}
