using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace AiProd.EndToEnd.Tests.Fuzz;

/// <summary>
/// 1,200 generated hostile requests (fixed seed) against the gateway as its own process. None may get a 5xx; every
/// 4xx the application writes is problem details naming a field, except where none applies; every request is
/// answered except one whose client hung up mid-body; the process stays healthy and its memory comes back near
/// where it started.
/// </summary>
[Category("EndToEnd")]
public class When_hostile_requests_hit_the_gateway
{
    private const int Seed = 20261201;
    private const int Requests = 1200;
    private const int Parallel = 8;

    /// <summary>
    /// Statuses that may come without <c>errors</c>: no field is at fault (404 of a route that does not exist, 405, 429),
    /// or the request is fine and the video is not ready (409). Every other 4xx names a field.
    /// </summary>
    private static readonly HashSet<int> NoFieldApplies = [404, 405, 409, 429];

    /// <summary>
    /// Kestrel answers these itself, with an empty body, before the request reaches the application: an unparsable
    /// request line or header (400), a request line or headers over the limits (414, 431), a stalled request (408).
    /// </summary>
    private static readonly HashSet<int> KestrelRefusals = [400, 408, 413, 414, 431];

    [Test]
    public async Task Should_answer_every_one_with_a_4xx_problem_or_success_and_stay_healthy()
    {
        var folder = Directory.CreateTempSubdirectory("aiprod-fuzz-").FullName;
        try
        {
            // Valid videos fail at their cost estimate, so the fuzz measures the gateway, not the renderer.
            // Workstation GC, as the service hosts run in tests: its heap follows the live data closely, so a leak shows.
            await using var gateway = await GatewayProcess.StartAsync(folder, new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }, ["--Saga:ConnectionString", $"Data Source={Path.Combine(folder, "aiprod.db")}",
                "--Logging:LogLevel:Default", "Warning", "--Financial:PricesPerSecondUsd:local", "1000"]);
            var generator = new HostileRequests(Seed, gateway.Address.Authority, GatewayProcess.BootstrapKey);
            var requests = Enumerable.Range(0, Requests).Select(_ => generator.Next()).ToList();

            await RunAsync(gateway.Address, requests.Take(100).ToList());
            await Task.Delay(TimeSpan.FromSeconds(2));
            var before = Rss(gateway.ProcessId);

            var watch = Stopwatch.StartNew();
            var outcomes = await RunAsync(gateway.Address, requests);
            watch.Stop();
            await Task.Delay(TimeSpan.FromSeconds(5));
            var after = Rss(gateway.ProcessId);

            using var http = gateway.Client();
            var health = await http.GetAsync("/health");
            var byStatus = outcomes.GroupBy(o => o.Response?.Status.ToString(CultureInfo.InvariantCulture) ?? $"none ({o.Request.Kind})").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}");
            await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{Requests} requests in {watch.Elapsed.TotalSeconds:0.0} s; {string.Join(", ", byStatus)}; RSS {before / 1048576.0:0} MiB -> {after / 1048576.0:0} MiB"));

            var failures = outcomes.Select(Judge).Where(f => f is not null).Take(10).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(failures, Is.Empty, string.Join("\n", failures));
                Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "still healthy");
                Assert.That(after, Is.LessThan(before + Math.Max(64L * 1024 * 1024, before / 2)), "memory back near where it started");
                Assert.That(outcomes.Count(o => o.Response is { Status: 202 }), Is.GreaterThan(0), "some requests were valid and accepted");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Outcome(HostileRequest Request, RawResponse? Response);

    private static async Task<List<Outcome>> RunAsync(Uri address, IReadOnlyList<HostileRequest> requests)
    {
        var outcomes = new ConcurrentBag<Outcome>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await System.Threading.Tasks.Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = timeout.Token },
            async (request, cancellationToken) => outcomes.Add(new Outcome(request, await RawHttp.SendAsync(address, request.Bytes, request.ClosesEarly, cancellationToken))));
        return [.. outcomes];
    }

    /// <summary>Null when the answer is acceptable, else why not.</summary>
    private static string? Judge(Outcome outcome)
    {
        var (request, response) = outcome;
        var what = $"{request.Kind}: {System.Text.Encoding.UTF8.GetString(request.Bytes[..Math.Min(160, request.Bytes.Length)]).ReplaceLineEndings(" | ")}";
        if (response is null)
            return request.ClosesEarly ? null : $"no answer to {what}";
        if (response.Status >= 500)
            return $"{response.Status} for {what}: {response.Body}";
        if (response.Status < 400)
            return null;

        var problem = response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("application/problem+json", StringComparison.Ordinal);
        if (!problem)
        {
            return KestrelRefusals.Contains(response.Status) && response.Body.Length == 0 && !response.Headers.ContainsKey("content-type")
                ? null
                : $"{response.Status} without problem details for {what}: {response.Body}";
        }

        if (request.Kind.StartsWith("HEAD", StringComparison.Ordinal))
            return null;
        using var body = JsonDocument.Parse(response.Body);
        var hasErrors = body.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.EnumerateObject().Any();
        if (!hasErrors && !NoFieldApplies.Contains(response.Status))
            return $"{response.Status} names no field for {what}: {response.Body}";
        if (response.Body.Contains("AiProd.", StringComparison.Ordinal) || response.Body.Contains("System.", StringComparison.Ordinal) || response.Body.Contains("   at ", StringComparison.Ordinal))
            return $"{response.Status} names internals for {what}: {response.Body}";
        return null;
    }

    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
