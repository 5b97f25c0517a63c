using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Testing;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>
/// One deployment of AiProd as separate processes on the emulators, kept apart from every other test by its own
/// Pub/Sub name prefix, Firestore collection and asset bucket: what a cluster runs, on one machine.
/// </summary>
internal sealed class Deployment : IAsyncDisposable
{
    private readonly List<ServiceProcess> _services = [];
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];

    public Deployment(IReadOnlyDictionary<string, string>? settings = null)
    {
        Folder = Directory.CreateTempSubdirectory($"aiprod-deploy-{_id}-").FullName;
        Environment = new Dictionary<string, string>
        {
            ["Bus__Transport"] = "PubSub",
            ["PubSub__ProjectId"] = Emulators.Project,
            ["PubSub__NamePrefix"] = $"t{_id}.",
            ["PubSub__AckDeadline"] = "00:00:10",
            ["PUBSUB_EMULATOR_HOST"] = Emulators.PubSub.Host,
            ["Saga__Store"] = "Firestore",
            ["Firestore__ProjectId"] = Emulators.Project,
            ["Firestore__Collection"] = $"videos-{_id}",
            ["FIRESTORE_EMULATOR_HOST"] = Emulators.Firestore.Host,
            // The gateway's records too: comments, audit, webhook subscriptions and the delivery queue (which every
            // gateway on the same collection would work through).
            ["Collaboration__CommentsCollection"] = $"comments-{_id}",
            ["Collaboration__AuditCollection"] = $"auditLog-{_id}",
            ["Webhooks__SubscriptionsCollection"] = $"webhooks-{_id}",
            ["Webhooks__DeliveriesCollection"] = $"webhookDeliveries-{_id}",
            // Cloud Storage, and a cache of its own per process (see StartAsync): no two services share a disk.
            ["Assets__Store"] = "Gcs",
            ["Assets__Bucket"] = $"aiprod-{_id}",
            ["STORAGE_EMULATOR_HOST"] = Emulators.Storage.BaseUri.ToString().TrimEnd('/'),
            ["Workers__RenderConcurrency"] = "1",
            ["Workers__QaConcurrency"] = "1",
            ["Logging__LogLevel__Default"] = "Information",
            // The gateway wants a key; the tests poll far faster than a client's default rate limit.
            ["Auth__BootstrapKey"] = GatewayProcess.BootstrapKey,
            ["RateLimits__RequestsPerMinute"] = "1000000",
            ["RateLimits__Burst"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            Environment[key] = value;
    }

    public string Folder { get; }

    public Dictionary<string, string> Environment { get; }

    public string Prefix => Environment["PubSub__NamePrefix"];

    public ServiceProcess? Gateway { get; private set; }

    /// <summary>Starts <paramref name="replicas"/> processes of <paramref name="role"/> (in parallel) and waits until each is healthy.</summary>
    public async Task<IReadOnlyList<ServiceProcess>> StartAsync(ServiceRole role, int replicas = 1, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(Environment);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        var names = Enumerable.Range(1, replicas).Select(i => $"{role.Name}-{_services.Count(s => s.Name.StartsWith(role.Name + "-", StringComparison.Ordinal)) + i}").ToList();
        var started = await Task.WhenAll(names.Select(name =>
        {
            var own = Directory.CreateDirectory(Path.Combine(Folder, name)).FullName;
            var env = new Dictionary<string, string>(environment) { ["Assets__CacheRoot"] = Path.Combine(own, "cache"), ["TMPDIR"] = own };
            return ServiceProcess.StartAsync(name, role.Project, role.Dll, env, Path.Combine(Folder, "logs"), workingDirectory: own);
        }));
        lock (_services)
            _services.AddRange(started);
        if (role == ServiceRole.Gateway)
            Gateway = started[0];
        return started;
    }

    /// <summary>The gateway, the orchestrator and one process of every worker role.</summary>
    public async Task StartAllAsync()
    {
        await Task.WhenAll(ServiceRole.Pipeline.Select(role => StartAsync(role)));
        await StartAsync(ServiceRole.Gateway);
    }

    public IEnumerable<ServiceProcess> Of(ServiceRole role) => _services.Where(s => s.Name.StartsWith(role.Name + "-", StringComparison.Ordinal));

    /// <summary>A client of the gateway that sends the bootstrap (admin) key.</summary>
    public HttpClient Http() => GatewayProcess.Client((Gateway ?? throw new InvalidOperationException("No gateway started.")).Address);

    /// <summary>POST /v1/videos; returns the new video's id.</summary>
    public async Task<Guid> SubmitAsync(string prompt, double durationSeconds = 3)
    {
        using var http = Http();
        var response = await http.PostAsJsonAsync("/v1/videos", new { prompt, durationSeconds });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetGuid();
    }

    public async Task<JsonElement?> StatusAsync(Guid id)
    {
        using var http = Http();
        var response = await http.GetAsync($"/v1/videos/{id}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    /// <summary>Polls until the video is Complete or Failed (or <paramref name="timeout"/> passes) and returns its last status.</summary>
    public async Task<JsonElement> WaitForEndAsync(Guid id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await StatusAsync(id);
            if (last?.GetProperty("state").GetString() is "Complete" or "Failed")
                return last.Value;
            await Task.Delay(250);
        }

        Assert.Fail($"Video {id} did not finish within {timeout.TotalSeconds:0} s; last status: {last}\n{Logs()}");
        return default;
    }

    /// <summary>Polls until the video reaches <paramref name="state"/> (or later).</summary>
    public async Task WaitForStateAsync(Guid id, string state, TimeSpan timeout)
    {
        var order = AiProd.Contracts.VideoStages.Ordered.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var now = (await StatusAsync(id))?.GetProperty("state").GetString();
            if (now is not null && (order.IndexOf(now) >= order.IndexOf(state) || now == "Failed"))
                return;
            await Task.Delay(100);
        }

        Assert.Fail($"Video {id} did not reach {state} within {timeout.TotalSeconds:0} s.\n{Logs()}");
    }

    /// <summary>The tail of every service's log, for a failure message.</summary>
    public string Logs() => string.Join("\n", _services.Select(s => $"--- {s.Name} (log {s.LogFile}) ---\n{string.Join("\n", s.Tail.Split('\n').TakeLast(40))}"));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_services.Select(async s => await s.DisposeAsync()));
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        else
        {
            TestContext.Out.WriteLine($"Logs kept in {Folder}/logs");
        }
    }
}
