using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiProd.Auth;
using AiProd.Bench.Scaling;
using AiProd.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Bench.Gateway;

/// <summary>
/// The gateway under load from a real load generator (wrk, <c>scripts/ensure-deps.sh --bench</c>): the gateway runs as its
/// own process, embedded (in-memory bus + SQLite, what <c>aiprod serve</c> and the Gateway project run by default) with
/// auth on — a stored API key as <c>Authorization: Bearer</c>, rate limits raised out of the way. The pipeline is held at
/// its first worker (<c>Embedded:Roles=orchestrator</c>): every video is stored before its 202 and the orchestrator takes
/// it into InputSanitizer, but no worker runs, so the bench measures submissions and not ffmpeg. Cases: POST /v1/videos,
/// GET /v1/videos/{id}, GET /v1/videos?pageSize=100 (over every video the submissions stored); baseline, in this process
/// and run, bare Kestrel parsing the same JSON and answering 202. Rounds interleave the cases; medians of three.
/// Also prints the gateway's RSS idle and after the load. Target (issue 14.5): submit ≥ 5,000 req/s with p99 ≤ 20 ms.
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- gateway [--duration 10] [--connections 32] [--threads 1] [--rounds 3]
/// </summary>
public static class GatewayBench
{
    private const double TargetRps = 5000;
    private const double TargetP99Ms = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var duration = TimeSpan.FromSeconds(int.Parse(BenchArgs.Value(args, "--duration", "10"), CultureInfo.InvariantCulture));
        var connections = int.Parse(BenchArgs.Value(args, "--connections", "32"), CultureInfo.InvariantCulture);
        var threads = int.Parse(BenchArgs.Value(args, "--threads", "1"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(BenchArgs.Value(args, "--rounds", "3"), CultureInfo.InvariantCulture);
        if (!Wrk.IsInstalled())
        {
            Console.Error.WriteLine("wrk is not on PATH: run scripts/ensure-deps.sh --bench");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("aiprod-gateway-bench-").FullName;
        try
        {
            var database = Path.Combine(work, "aiprod.db");
            var secret = await CreateKeyAsync(database);
            await using var bare = await BareSubmitServer.StartAsync(FreePort.Next());
            await using var gateway = await ServiceProcess.StartAsync("gateway", "Gateway", "AiProd.Gateway.dll", Environment(work, database), Path.Combine(work, "logs"));
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleRss = ProcessMemory.ResidentMiB(gateway.Id);
            Console.WriteLine($"AiProd gateway bench: wrk -t{threads} -c{connections}, {duration.TotalSeconds:0} s a case, {rounds} rounds; gateway embedded on SQLite, " +
                $"auth on (stored key), pipeline held at the first worker; baseline bare Kestrel in this process. Gateway idle RSS {idleRss:0} MiB");

            var videoId = await SubmitOneAsync(gateway.Address, secret);
            var cases = new (string Name, Uri Url, string Script)[]
            {
                ("baseline submit", new Uri(bare.Address, "/v1/videos"), "submit.lua"),
                ("submit", new Uri(gateway.Address, "/v1/videos"), "submit.lua"),
                ("get by id", new Uri(gateway.Address, $"/v1/videos/{videoId}"), "read.lua"),
                ("list 100", new Uri(gateway.Address, "/v1/videos?pageSize=100"), "read.lua"),
            };
            foreach (var c in cases)
                await Wrk.RunAsync(c.Url, c.Script, secret, threads, connections, TimeSpan.FromSeconds(2));

            var results = cases.ToDictionary(c => c.Name, _ => new List<WrkResult>());
            for (var round = 0; round < rounds; round++)
            {
                foreach (var c in cases)
                {
                    var result = await Wrk.RunAsync(c.Url, c.Script, secret, threads, connections, duration);
                    results[c.Name].Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  round {round + 1} {c.Name,-16} {result.RequestsPerSecond,9:0} req/s  p50 {result.P50Ms,7:0.00} ms  p99 {result.P99Ms,7:0.00} ms  non-2xx {result.Non2xx}  socket errors {result.Errors}"));
                }
            }

            var loadedRss = ProcessMemory.ResidentMiB(gateway.Id);
            Report(results, idleRss, loadedRss);
            return results.Values.SelectMany(r => r).Any(r => r.Non2xx > 0 || r.Errors > 0) ? 1 : 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The gateway's settings: its own defaults (appsettings' log levels), the bench's folder, raised rate limits, the pipeline held.</summary>
    private static Dictionary<string, string> Environment(string work, string database) => new()
    {
        ["Saga__ConnectionString"] = $"Data Source={database}",
        ["Assets__Root"] = Path.Combine(work, "assets"),
        ["RateLimits__RequestsPerMinute"] = "10000000",
        ["RateLimits__Burst"] = "1000000",
        ["Embedded__Roles"] = "orchestrator",
        ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
        // What the gateway's appsettings.json says (it is started from another folder, so it does not read that file).
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        ["Logging__LogLevel__MassTransit"] = "Warning",
        // The garbage collector the project file chooses, not the tests' workstation default.
        ["DOTNET_gcServer"] = string.Empty,
    };

    /// <summary>A stored key with the submit and read scopes, on the gateway's own store (as <c>aiprod keys create</c> makes one).</summary>
    private static async Task<string> CreateKeyAsync(string database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Saga:Store"] = "Sqlite",
            ["Saga:ConnectionString"] = $"Data Source={database}",
        }).Build();
        await using var services = new ServiceCollection().AddApiKeyStore(configuration).BuildServiceProvider();
        var (_, secret) = await services.GetRequiredService<ApiKeys>().CreateAsync("bench", [ApiKeyScopes.Submit, ApiKeyScopes.Read], "bench");
        return secret;
    }

    private static async Task<Guid> SubmitOneAsync(Uri gateway, string secret)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var body = new StringContent("""{"prompt":"A lighthouse at dusk, waves crashing on the rocks","durationSeconds":6}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/v1/videos", body);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"POST /v1/videos answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private static WrkResult Median(List<WrkResult> runs) => new(
        Stats.Median(runs.Select(r => r.RequestsPerSecond)), Stats.Median(runs.Select(r => r.P50Ms)), Stats.Median(runs.Select(r => r.P99Ms)),
        runs.Sum(r => r.Requests), runs.Sum(r => r.Errors), runs.Sum(r => r.Non2xx));

    private static void Report(Dictionary<string, List<WrkResult>> results, double idleRss, double loadedRss)
    {
        var baseline = Median(results["baseline submit"]);
        Console.WriteLine();
        Console.WriteLine($"{"case",-16} {"req/s",9} {"p50",9} {"p99",9} {"requests",9} {"non-2xx",8} {"errors",7} {"req/s vs baseline",18}");
        foreach (var (name, runs) in results)
        {
            var m = Median(runs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-16} {m.RequestsPerSecond,9:0} {m.P50Ms,7:0.00}ms {m.P99Ms,7:0.00}ms {m.Requests,9} {m.Non2xx,8} {m.Errors,7} {m.RequestsPerSecond / baseline.RequestsPerSecond,17:0.000}x"));
        }

        var submit = Median(results["submit"]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target submit ≥ {TargetRps:0} req/s: {(submit.RequestsPerSecond >= TargetRps ? "ok" : "UNDER")} ({submit.RequestsPerSecond:0}); " +
            $"p99 ≤ {TargetP99Ms:0} ms: {(submit.P99Ms <= TargetP99Ms ? "ok" : "OVER")} ({submit.P99Ms:0.00} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gateway RSS: {idleRss:0} MiB idle, {loadedRss:0} MiB after the load"));
    }
}
