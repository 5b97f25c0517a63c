using AiProd.Auth;
using AiProd.Bench.Scaling;
using AiProd.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Bench.Gateway;

/// <summary>
/// One gateway process under the bench, with its own SQLite file and a stored API key on it. <c>embedded</c>: the
/// in-memory bus with the orchestrator in the process (<c>Embedded:Roles=orchestrator</c>: every video is stored and
/// taken into InputSanitizer, no worker runs). <c>deployed</c>: as in Kubernetes, HTTP only — Pub/Sub (the emulator) as
/// the bus, nothing but the gateway's own endpoints in the process; each submit is stored before its 202 and its
/// <c>GenerateVideo</c> waits on the orchestrator's subscription (no orchestrator runs, so it stays there, outside the
/// gateway, and its outbox entry stays in the stored video: the orchestrator's first save drops both).
/// </summary>
internal sealed class BenchGateway(string label, ServiceProcess process, string secret, string database) : IAsyncDisposable
{
    public const string Embedded = "embedded";
    public const string Deployed = "deployed";

    public string Label { get; } = label;

    public ServiceProcess Process { get; } = process;

    /// <summary>The stored key every request carries as <c>Authorization: Bearer</c>.</summary>
    public string Secret { get; } = secret;

    /// <summary>Size of the SQLite file and its WAL, in MiB: what the submissions stored.</summary>
    public double StoreMiB => new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0;

    /// <summary>
    /// Starts <paramref name="dll"/> (an absolute path to another build's <c>AiProd.Gateway.dll</c>, or this checkout's
    /// build when null) in <paramref name="mode"/>, in a folder of its own under <paramref name="work"/>, with
    /// <paramref name="extra"/> added to its environment.
    /// </summary>
    public static async Task<BenchGateway> StartAsync(string label, string mode, string? dll, string work, PubSubEmulatorProcess? pubsub,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var own = Directory.CreateDirectory(Path.Combine(work, label.Replace(' ', '-'))).FullName;
        // Beside its working directory, not in it: the host watches its content root (the working directory) for
        // configuration changes, recursively, and would read an event for every write to the file's log.
        var database = Path.Combine(work, $"{label.Replace(' ', '-')}.db");
        var secret = await CreateKeyAsync(database);
        var environment = Environment(own, database);
        if (mode == Deployed)
        {
            var emulator = pubsub ?? throw new InvalidOperationException("The deployed gateway needs the Pub/Sub emulator.");
            environment["Bus__Transport"] = "PubSub";
            environment["PubSub__ProjectId"] = BenchEmulators.Project;
            environment["PubSub__NamePrefix"] = $"g{Guid.NewGuid().ToString("N")[..10]}.";
            environment["PUBSUB_EMULATOR_HOST"] = emulator.Host;
        }
        else
        {
            environment["Embedded__Roles"] = "orchestrator";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            environment[key] = value;

        // ServiceProcess resolves the dll under src/Gateway's output; an absolute path (Path.Combine keeps it) runs another build.
        var process = await ServiceProcess.StartAsync(label, ServiceRole.Gateway.Project, dll ?? ServiceRole.Gateway.Dll, environment, Path.Combine(own, "logs"), own);
        return new BenchGateway(label, process, secret, database);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    /// <summary>The gateway's settings: its own defaults (appsettings' log levels), its folder, raised rate limits.</summary>
    private static Dictionary<string, string> Environment(string own, string database) => new()
    {
        ["Saga__Store"] = "Sqlite",
        ["Saga__ConnectionString"] = $"Data Source={database}",
        ["Assets__Root"] = Path.Combine(own, "assets"),
        ["Assets__CacheRoot"] = Path.Combine(own, "cache"),
        ["TMPDIR"] = own,
        ["RateLimits__RequestsPerMinute"] = "10000000",
        ["RateLimits__Burst"] = "1000000",
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
}
