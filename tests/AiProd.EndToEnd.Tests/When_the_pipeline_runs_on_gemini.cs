using System.Text.Json;
using AiProd.Providers.Tests.Stubs;

namespace AiProd.EndToEnd.Tests;

/// <summary>The whole pipeline in a separate process, with Gemini directing and judging through the loopback stub.</summary>
[Category("EndToEnd")]
public class When_the_pipeline_runs_on_gemini
{
    private string _dir = null!;
    private GeminiStub _stub = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _dir = Directory.CreateTempSubdirectory("aiprod-gemini-e2e-").FullName;
        _stub = await GeminiStub.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _stub.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task Should_make_a_real_mp4_directed_and_judged_by_gemini()
    {
        var output = Path.Combine(_dir, "lighthouse.mp4");
        var assets = Path.Combine(_dir, "assets");
        var environment = new Dictionary<string, string>
        {
            ["Providers__Gemini__BaseUrl"] = _stub.BaseUrl.ToString(),
            ["Providers__Gemini__ApiKey"] = _stub.Key,
            ["Providers__Gemini__KeyframeCount"] = "5",
        };
        var run = await CliRunner.RunAsync(environment, "generate", "A lighthouse at dusk, waves crashing on the rocks", "--duration", "4",
            "--out", output, "--assets", assets);

        Assert.That(run.ExitCode, Is.Zero, $"stdout:\n{run.Output}\nstderr:\n{run.Error}");
        var probe = await Probe.ReadAsync(output);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Directory.GetFiles(assets, "manifest.json", SearchOption.AllDirectories).Single()));
        var direction = manifest.RootElement.GetProperty("direction");
        var semantic = manifest.RootElement.GetProperty("semanticQa");

        var calls = _stub.Calls;
        var directed = calls.First(c => c.Body!.ToJsonString().Contains("\"scenes\"", StringComparison.Ordinal));
        var judged = calls.Last(c => c.Body!.ToJsonString().Contains("\"visualQuality\"", StringComparison.Ordinal));
        var stubScenes = JsonDocument.Parse(directed.AnswerText!).RootElement.GetProperty("scenes");
        var images = judged.Body!["contents"]![0]!["parts"]!.AsArray().Count(p => p!["inlineData"] is not null);
        Assert.Multiple(() =>
        {
            Assert.That(probe.Duration, Is.EqualTo(4.0).Within(0.2));
            Assert.That(probe.VideoCodec, Is.EqualTo("h264"));
            Assert.That(calls.Select(c => c.Status), Has.All.EqualTo(200));
            Assert.That(direction.GetProperty("notes")[0].GetString(), Does.StartWith("gemini (gemini-2.5-flash) directed attempt 1"));
            Assert.That(direction.GetProperty("scenes")[0].GetProperty("description").GetString(), Is.EqualTo(stubScenes[0].GetProperty("description").GetString()));
            Assert.That(semantic.GetProperty("evaluator").GetString(), Is.EqualTo("gemini"));
            Assert.That(semantic.GetProperty("overall").GetProperty("basis").GetString(), Does.Contain("5 keyframes at"));
            Assert.That(images, Is.EqualTo(5));
            Assert.That(run.Output, Does.Contain("Semantic QA:"));
            Assert.That(manifest.RootElement.ToString() + run.Output + run.Error, Does.Not.Contain(_stub.Key));
        });
    }
}
