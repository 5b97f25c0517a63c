using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiProd.Bench.Scaling;
using AiProd.Testing;

namespace AiProd.Bench.Gateway;

/// <summary>
/// The gateway under load from a real load generator (wrk, <c>scripts/ensure-deps.sh --bench</c>): the gateway runs as its
/// own process with auth on — a stored API key as <c>Authorization: Bearer</c>, rate limits raised out of the way — on
/// SQLite, in one of two modes (<see cref="BenchGateway"/>). <c>--mode embedded</c> (the default): the in-memory bus with
/// the orchestrator in the process, the pipeline held at its first worker (<c>Embedded:Roles=orchestrator</c>), so a
/// submit pays for the saga's first step too. <c>--mode deployed</c>: HTTP only on Pub/Sub (the emulator), as the
/// gateway runs in Kubernetes with the orchestrator in another process (none runs here: what is sent waits on its
/// subscription). Cases: POST /v1/videos, GET /v1/videos/{id}, GET /v1/videos?pageSize=100 (over every video the
/// submissions stored); baseline, in this process and run, bare Kestrel parsing the same JSON and answering 202.
/// <c>--compare &lt;path to another build's AiProd.Gateway.dll&gt;</c> runs that build beside this one in the same mode
/// and rounds (before and after a change, on the same load); <c>--compare-env KEY=VALUE[,KEY=VALUE]</c> adds settings to
/// the compared gateway's environment (alone: this build twice, one of them with those settings). Rounds interleave the cases; medians of three, with the
/// server's CPU time per request (user + system over the run, from /proc: steadier than req/s on shared cores). Prints each
/// gateway's RSS idle, right after the load and after 10 s of quiet, and its SQLite file's size.
/// Target (issue 14.5): submit ≥ 5,000 req/s with p99 ≤ 20 ms.
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- gateway [--mode embedded|deployed] [--compare dll] [--compare-env K=V]
///        [--duration 10] [--connections 32] [--threads 1] [--rounds 3]
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
        var mode = BenchArgs.Value(args, "--mode", BenchGateway.Embedded);
        var compare = BenchArgs.Value(args, "--compare", string.Empty);
        var compareEnv = BenchArgs.Value(args, "--compare-env", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
        if (mode is not (BenchGateway.Embedded or BenchGateway.Deployed))
        {
            Console.Error.WriteLine($"--mode is {BenchGateway.Embedded} or {BenchGateway.Deployed}, not '{mode}'");
            return 2;
        }

        if (compareEnv.Count > 0 && compare.Length == 0)
            compare = RepoPaths.Built(ServiceRole.Gateway.Project, ServiceRole.Gateway.Dll);
        if (compare.Length > 0 && !File.Exists(compare))
        {
            Console.Error.WriteLine($"--compare names no file: {compare}");
            return 2;
        }

        if (!Wrk.IsInstalled())
        {
            Console.Error.WriteLine("wrk is not on PATH: run scripts/ensure-deps.sh --bench");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("aiprod-gateway-bench-").FullName;
        var gateways = new List<BenchGateway>();
        PubSubEmulatorProcess? pubsub = null;
        try
        {
            if (mode == BenchGateway.Deployed)
            {
                string? whyNot = null;
                pubsub = await PubSubEmulatorProcess.StartAsync(r => whyNot = r) ?? throw new InvalidOperationException(whyNot);
            }

            await using var bare = await BareSubmitServer.StartAsync(FreePort.Next());
            gateways.Add(await BenchGateway.StartAsync("gateway", mode, null, work, pubsub));
            if (compare.Length > 0)
                gateways.Add(await BenchGateway.StartAsync("compared", mode, Path.GetFullPath(compare), work, pubsub, compareEnv));
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleRss = gateways.ToDictionary(g => g.Label, g => ProcessMemory.ResidentMiB(g.Process.Id));
            Console.WriteLine($"AiProd gateway bench: wrk -t{threads} -c{connections}, {duration.TotalSeconds:0} s a case, {rounds} rounds; gateway {mode} on SQLite" +
                (mode == BenchGateway.Deployed ? " and the Pub/Sub emulator (HTTP only)" : " (orchestrator in the process, pipeline held at the first worker)") +
                $", auth on (stored key); baseline bare Kestrel in this process.{(compare.Length > 0 ? $" Compared build: {compare}" : string.Empty)}" +
                (compareEnv.Count > 0 ? $" with {string.Join(' ', compareEnv.Select(e => $"{e.Key}={e.Value}"))}" : string.Empty));

            // The baseline gets the same request, key header and all.
            var cases = new List<(string Name, Uri Url, string Script, string Secret, int Pid)>
            {
                ("baseline submit", new Uri(bare.Address, "/v1/videos"), "submit.lua", gateways[0].Secret, System.Environment.ProcessId),
            };
            foreach (var gateway in gateways)
            {
                var suffix = gateway.Label == "gateway" ? string.Empty : $" [{gateway.Label}]";
                var videoId = await SubmitOneAsync(gateway.Process.Address, gateway.Secret);
                var pid = gateway.Process.Id;
                cases.Add(($"submit{suffix}", new Uri(gateway.Process.Address, "/v1/videos"), "submit.lua", gateway.Secret, pid));
                cases.Add(($"get by id{suffix}", new Uri(gateway.Process.Address, $"/v1/videos/{videoId}"), "read.lua", gateway.Secret, pid));
                cases.Add(($"list 100{suffix}", new Uri(gateway.Process.Address, "/v1/videos?pageSize=100"), "read.lua", gateway.Secret, pid));
            }

            foreach (var c in cases)
                await Wrk.RunAsync(c.Url, c.Script, c.Secret, threads, connections, TimeSpan.FromSeconds(2));

            var results = cases.ToDictionary(c => c.Name, _ => new List<WrkResult>());
            var cpu = cases.ToDictionary(c => c.Name, _ => new List<double>());
            for (var round = 0; round < rounds; round++)
            {
                foreach (var c in cases)
                {
                    // The server's CPU over the run, per request: steadier than req/s when other work shares the cores
                    // (the baseline's includes the bench process's own idle work, which is small beside the requests').
                    var before = ProcessMemory.CpuMilliseconds(c.Pid);
                    var result = await Wrk.RunAsync(c.Url, c.Script, c.Secret, threads, connections, duration);
                    var perRequest = (ProcessMemory.CpuMilliseconds(c.Pid) - before) / Math.Max(1, result.Requests);
                    results[c.Name].Add(result);
                    cpu[c.Name].Add(perRequest);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  round {round + 1} {c.Name,-22} {result.RequestsPerSecond,9:0} req/s  p50 {result.P50Ms,7:0.00} ms  p99 {result.P99Ms,7:0.00} ms  CPU {perRequest * 1000,6:0} µs/req  non-2xx {result.Non2xx}  socket errors {result.Errors}"));
                }
            }

            var loadedRss = gateways.ToDictionary(g => g.Label, g => ProcessMemory.ResidentMiB(g.Process.Id));
            await Task.Delay(TimeSpan.FromSeconds(10));
            Report(results, cpu);
            foreach (var g in gateways)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{g.Label} RSS: {idleRss[g.Label]:0} MiB idle, {loadedRss[g.Label]:0} MiB right after the load, {ProcessMemory.ResidentMiB(g.Process.Id):0} MiB 10 s later; SQLite file {g.StoreMiB:0} MiB"));
            }

            return results.Values.SelectMany(r => r).Any(r => r.Non2xx > 0 || r.Errors > 0) ? 1 : 0;
        }
        finally
        {
            foreach (var gateway in gateways)
                await gateway.DisposeAsync();
            if (pubsub is not null)
                await pubsub.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
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

    private static void Report(Dictionary<string, List<WrkResult>> results, Dictionary<string, List<double>> cpu)
    {
        var baseline = Median(results["baseline submit"]);
        Console.WriteLine();
        Console.WriteLine($"{"case",-22} {"req/s",9} {"p50",9} {"p99",9} {"requests",9} {"non-2xx",8} {"errors",7} {"req/s vs baseline",18} {"CPU µs/req",11}");
        foreach (var (name, runs) in results)
        {
            var m = Median(runs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-22} {m.RequestsPerSecond,9:0} {m.P50Ms,7:0.00}ms {m.P99Ms,7:0.00}ms {m.Requests,9} {m.Non2xx,8} {m.Errors,7} {m.RequestsPerSecond / baseline.RequestsPerSecond,17:0.000}x {Stats.Median(cpu[name]) * 1000,11:0}"));
        }

        var submit = Median(results["submit"]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target submit ≥ {TargetRps:0} req/s: {(submit.RequestsPerSecond >= TargetRps ? "ok" : "UNDER")} ({submit.RequestsPerSecond:0}); " +
            $"p99 ≤ {TargetP99Ms:0} ms: {(submit.P99Ms <= TargetP99Ms ? "ok" : "OVER")} ({submit.P99Ms:0.00} ms)"));
    }
}
