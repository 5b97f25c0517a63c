using System.Globalization;
using AiProd.Bench.Scaling;
using AiProd.Testing;

namespace AiProd.Bench.Gateway;

/// <summary>
/// Idle resident memory of every deployable as a real process, started as an operator starts it (its project's own
/// garbage-collector settings, no test override): distributed on the Pub/Sub and Firestore emulators as in Kubernetes
/// (assets in a shared local folder: the Cloud Storage client is idle either way) — gateway (HTTP only), orchestrator and each worker service — and the embedded gateway (every role, SQLite).
/// Each is read after start-up and <c>--idle</c> seconds of quiet, three times a second apart (the median). Target (issue
/// 14.5): ≤ 150 MiB each.
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- rss [--idle 20]
/// </summary>
public static class ServiceMemoryBench
{
    private const double TargetMiB = 150;

    private static readonly ServiceRole[] Distributed =
    [
        ServiceRole.Gateway, ServiceRole.Orchestrator, ServiceRole.Creative, ServiceRole.Financial,
        ServiceRole.Render, ServiceRole.Qa, ServiceRole.Delivery,
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var idle = TimeSpan.FromSeconds(int.Parse(BenchArgs.Value(args, "--idle", "20"), CultureInfo.InvariantCulture));
        var work = Directory.CreateTempSubdirectory("aiprod-rss-bench-").FullName;
        var rows = new List<(string Name, double MiB)>();
        try
        {
            string? whyNot = null;
            await using (var pubsub = await PubSubEmulatorProcess.StartAsync(r => whyNot = r) ?? throw new InvalidOperationException(whyNot))
            await using (var firestore = await FirestoreEmulatorProcess.StartAsync(r => whyNot = r) ?? throw new InvalidOperationException(whyNot))
            {
                var id = Guid.NewGuid().ToString("N")[..10];
                var shared = Common(work);
                shared["Bus__Transport"] = "PubSub";
                shared["PubSub__ProjectId"] = BenchEmulators.Project;
                shared["PubSub__NamePrefix"] = $"m{id}.";
                shared["PUBSUB_EMULATOR_HOST"] = pubsub.Host;
                shared["Saga__Store"] = "Firestore";
                shared["Firestore__ProjectId"] = BenchEmulators.Project;
                shared["Firestore__Collection"] = $"videos-{id}";
                shared["FIRESTORE_EMULATOR_HOST"] = firestore.Host;
                var services = new List<ServiceProcess>();
                try
                {
                    // One at a time: start-up is the busiest moment, and 2 cores are shared.
                    foreach (var role in Distributed)
                        services.Add(await StartAsync(role.Name, role, shared, work));
                    await Task.Delay(idle);
                    rows.AddRange(services.Select(s => (s.Name, Resident(s.Id))).ToList());
                }
                finally
                {
                    foreach (var service in services)
                        await service.DisposeAsync();
                }
            }

            await using (var embedded = await StartAsync("gateway (embedded)", ServiceRole.Gateway, Common(work), work))
            {
                await Task.Delay(idle);
                rows.Add((embedded.Name, Resident(embedded.Id)));
            }

            Console.WriteLine($"Idle RSS after start-up and {idle.TotalSeconds:0} s idle (median of three reads), target ≤ {TargetMiB:0} MiB:");
            foreach (var (name, mib) in rows)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-20} {mib,6:0} MiB  {(mib <= TargetMiB ? "ok" : "OVER")}"));
            return rows.All(r => r.MiB <= TargetMiB) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Dictionary<string, string> Common(string work) => new()
    {
        ["Saga__ConnectionString"] = $"Data Source={Path.Combine(work, "aiprod.db")}",
        ["Assets__Root"] = Path.Combine(work, "assets"),
        ["Auth__BootstrapKey"] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
        ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        ["Logging__LogLevel__MassTransit"] = "Warning",
        // The garbage collector the project file chooses, not the tests' workstation default.
        ["DOTNET_gcServer"] = string.Empty,
    };

    private static async Task<ServiceProcess> StartAsync(string name, ServiceRole role, Dictionary<string, string> shared, string work)
    {
        var own = Directory.CreateDirectory(Path.Combine(work, name.Replace(' ', '-').Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal))).FullName;
        var environment = new Dictionary<string, string>(shared) { ["Assets__CacheRoot"] = Path.Combine(own, "cache"), ["TMPDIR"] = own };
        return await ServiceProcess.StartAsync(name, role.Project, role.Dll, environment, Path.Combine(work, "logs"), workingDirectory: own);
    }

    private static double Resident(int pid)
    {
        var reads = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            reads.Add(ProcessMemory.ResidentMiB(pid));
            Thread.Sleep(1000);
        }

        return Stats.Median(reads);
    }
}
