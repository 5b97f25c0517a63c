using System.Text.Json;

namespace AiProd.EndToEnd.Tests;

/// <summary><c>aiprod loadtest</c> and <c>aiprod validate</c> against a real gateway process, their output redirected.</summary>
[Category("EndToEnd")]
public sealed class When_the_cli_measures_a_running_gateway
{
    private string _dir = null!;
    private GatewayProcess _gateway = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _dir = Directory.CreateTempSubdirectory("aiprod-cli-remote-").FullName;
        // The test gateway lifts the rate limits (GatewayProcess): validate must notice that.
        _gateway = await GatewayProcess.StartAsync(_dir);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task Should_report_percentiles_throughput_errors_and_cost_as_json()
    {
        var run = await CliRunner.RunAsync("loadtest", "--url", _gateway.Address.ToString(), "--api-key", GatewayProcess.BootstrapKey,
            "--requests", "3", "--concurrency", "3", "--duration", "120", "--json");

        Assert.That(run.ExitCode, Is.Zero, run.Output + run.Error);
        var report = JsonDocument.Parse(run.Output).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(report.GetProperty("completed").GetInt32(), Is.EqualTo(3));
            Assert.That(report.GetProperty("errorRate").GetDouble(), Is.Zero);
            Assert.That(report.GetProperty("submitLatencyMs").GetProperty("p95").GetDouble(), Is.GreaterThan(0));
            Assert.That(report.GetProperty("endToEndSeconds").GetProperty("p50").GetDouble(), Is.GreaterThan(1));
            Assert.That(report.GetProperty("videosPerMinute").GetDouble(), Is.GreaterThan(0));
            Assert.That(report.GetProperty("costPerRequestUsd").GetDecimal(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Should_count_refused_submissions_by_code_and_exit_1()
    {
        var run = await CliRunner.RunAsync("loadtest", "--url", _gateway.Address.ToString(), "--api-key", "not-a-key-of-this-gateway-000000",
            "--requests", "2", "--concurrency", "2");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
        Assert.That(run.Output, Does.Contain("error rate: 100.0 % (http_401 2)"));
    }

    [Test]
    public async Task Should_fail_validation_when_the_rate_limit_never_answers_429()
    {
        var run = await CliRunner.RunAsync("validate", "--url", _gateway.Address.ToString(), "--api-key", GatewayProcess.BootstrapKey, "--requests", "2");

        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
            foreach (var check in new[] { "health", "configuration", "saga store reachable", "bus reachable", "asset store reachable", "small load", "metrics exported", "auth enforced", "security headers", "https" })
                Assert.That(lines, Has.Some.StartsWith($"PASS  {check}:"), $"{check} should pass:\n{run.Output}");
            Assert.That(lines, Has.Some.StartsWith("FAIL  rate limit: 300 requests without a key in a row, never a 429"));
            Assert.That(lines, Has.Some.EqualTo("1 of 11 checks failed."));
        });
    }

    [Test]
    public async Task Should_submit_a_batch_follow_it_and_write_one_result_per_request()
    {
        var requests = Path.Combine(_dir, "requests.jsonl");
        await File.WriteAllLinesAsync(requests,
        [
            """{"prompt":"A red kite over green hills","durationSeconds":3}""",
            "# skipped",
            """{"prompt":"A lighthouse at dusk","durationSeconds":999}""",
        ]);

        var run = await CliRunner.RunAsync("batch", requests, "--url", _gateway.Address.ToString(), "--api-key", GatewayProcess.BootstrapKey);

        var results = (await File.ReadAllLinesAsync(Path.Combine(_dir, "requests.results.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
            Assert.That(run.Output, Does.Contain("batch: 1 of 2 completed, 1 not"));
            Assert.That(results.Select(r => r.GetProperty("line").GetInt32()), Is.EqualTo(new[] { 1, 3 }));
            Assert.That(results[0].GetProperty("state").GetString(), Is.EqualTo("Complete"));
            Assert.That(results[1].GetProperty("error").GetString(), Is.EqualTo("http_400"));
        });
    }

    [Test]
    public async Task Should_name_the_line_that_is_not_json()
    {
        var requests = Path.Combine(_dir, "broken.jsonl");
        await File.WriteAllLinesAsync(requests, ["""{"prompt":"A red kite"}""", "prompt: a kite"]);

        var run = await CliRunner.RunAsync("batch", requests, "--url", _gateway.Address.ToString());

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("requests: line 2 is not a JSON object"));
    }
}
