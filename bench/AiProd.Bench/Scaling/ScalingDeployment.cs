using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Contracts;
using AiProd.Testing;

namespace AiProd.Bench.Scaling;

/// <summary>
/// One deployment of AiProd as separate processes on the emulators, started the way the end-to-end tests start one
/// (<c>tests/AiProd.EndToEnd.Tests/Services/Deployment.cs</c>): its own Pub/Sub prefix, Firestore collection and bucket,
/// each process on a free loopback port with its own asset cache and folder. The render role is the bench's
/// fixed-time worker, one process per worker, each rendering one shot at a time.
/// </summary>
internal sealed class ScalingDeployment : IAsyncDisposable
{
    private readonly List<ServiceProcess> _services = [];
    private readonly List<ServiceProcess> _stopped = [];
    private readonly Dictionary<string, string> _environment;
    private readonly Dictionary<string, string> _renderEnvironment;
    private readonly string _folder;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ServiceProcess? _gateway;

    /// <summary>The admin key the bench's gateway accepts (random per run).</summary>
    private static readonly string BootstrapKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public ScalingDeployment(BenchEmulators emulators, string folder, FixedTimeRenderOptions render)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        _folder = Directory.CreateDirectory(folder).FullName;
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BootstrapKey);
        _environment = new Dictionary<string, string>
        {
            ["Bus__Transport"] = "PubSub",
            ["PubSub__ProjectId"] = BenchEmulators.Project,
            ["PubSub__NamePrefix"] = $"s{id}.",
            ["PubSub__AckDeadline"] = "00:00:10",
            ["PUBSUB_EMULATOR_HOST"] = emulators.PubSub.Host,
            ["Saga__Store"] = "Firestore",
            ["Firestore__ProjectId"] = BenchEmulators.Project,
            ["Firestore__Collection"] = $"videos-{id}",
            ["FIRESTORE_EMULATOR_HOST"] = emulators.Firestore.Host,
            ["Assets__Store"] = "Gcs",
            ["Assets__Bucket"] = $"aiprod-{id}",
            ["STORAGE_EMULATOR_HOST"] = emulators.Storage.BaseUri.ToString().TrimEnd('/'),
            // One shot (or one composition) at a time per render process: the number of processes is the parallelism.
            ["Workers__RenderConcurrency"] = "1",
            ["Render__DeliveryPreset"] = ScalingBench.DeliveryPreset,
            ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
            // The gateway wants a key; the bench polls far faster than a client's default rate limit.
            ["Auth__BootstrapKey"] = BootstrapKey,
            ["RateLimits__RequestsPerMinute"] = "1000000",
            ["RateLimits__Burst"] = "100000",
            // What every service's appsettings.json says (the gateway reads its own from its working directory, so none here).
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Logging__LogLevel__MassTransit"] = "Warning",
        };
        _renderEnvironment = new Dictionary<string, string>(_environment)
        {
            [RenderWorkerCommand.Variable] = RenderWorkerCommand.Name,
            [$"{FixedTimeRenderOptions.Section}__{nameof(FixedTimeRenderOptions.ShotTime)}"] = render.ShotTime.ToString("c", CultureInfo.InvariantCulture),
            [$"{FixedTimeRenderOptions.Section}__{nameof(FixedTimeRenderOptions.TemplateFolder)}"] = render.TemplateFolder,
        };
    }

    /// <summary>Every process, in role order: the fixed roles, the gateway, then the render workers as they were added.</summary>
    public IReadOnlyList<ServiceProcess> Services
    {
        get
        {
            lock (_services)
                return [.. _services.OrderBy(s => Order(s.Name)).ThenBy(s => s.Name.Length).ThenBy(s => s.Name, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<ServiceProcess> RenderWorkers => [.. Services.Where(s => s.Name.StartsWith(BenchRoles.Render.Name + "-", StringComparison.Ordinal))];

    public string LogFolder => Path.Combine(_folder, "logs");

    private ServiceProcess Gateway => _gateway ?? throw new InvalidOperationException("The gateway is not started.");

    /// <summary>Every fixed role and <paramref name="renderWorkers"/> render workers at once, then the gateway (as the tests do).</summary>
    public async Task StartAsync(int renderWorkers)
    {
        await Task.WhenAll([.. BenchRoles.Fixed.Select(role => StartAsync(role, role.Name)), ScaleRenderWorkersAsync(renderWorkers)]);
        _gateway = await StartAsync(ServiceRole.Gateway, ServiceRole.Gateway.Name);
    }

    /// <summary>
    /// Starts render workers (at once) until there are <paramref name="count"/>, or stops the last ones with SIGTERM by
    /// process id (as a scale-down does) until there are that many left.
    /// </summary>
    public async Task ScaleRenderWorkersAsync(int count)
    {
        var running = RenderWorkers;
        await Task.WhenAll(Enumerable.Range(running.Count + 1, Math.Max(0, count - running.Count))
            .Select(i => StartAsync(BenchRoles.Render, $"{BenchRoles.Render.Name}-{i.ToString(CultureInfo.InvariantCulture)}")));
        var surplus = running.Skip(count).ToList();
        await Task.WhenAll(surplus.Select(s => s.StopAsync(TimeSpan.FromSeconds(10))));
        lock (_services)
        {
            _services.RemoveAll(surplus.Contains);
            _stopped.AddRange(surplus);
        }
    }

    /// <summary>Submits every request through the gateway at once and waits until each video is Complete or Failed.</summary>
    public async Task<IReadOnlyList<BenchVideo>> RunAsync(IReadOnlyList<VideoRequest> requests, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ids = await Task.WhenAll(requests.Select(r => SubmitAsync(r, cancellationToken)));
        // Slow polling: every GET is a Firestore read on the machine being measured; the timings come from elsewhere.
        return await BatchWait.WaitAsync(ids, StatusAsync, TimeSpan.FromSeconds(1), timeout, cancellationToken);
    }

    /// <summary>SIGTERM to each service by process id (SIGKILL after 10 s), then their log files are closed.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        var services = Services;
        await Task.WhenAll(services.Select(s => s.StopAsync(TimeSpan.FromSeconds(10))));
        foreach (var service in services.Concat(_stopped))
            await service.DisposeAsync();
    }

    private static int Order(string name)
    {
        var roles = BenchRoles.Fixed.Append(ServiceRole.Gateway).Select(r => r.Name).ToList();
        var i = roles.IndexOf(name);
        return i >= 0 ? i : roles.Count;
    }

    private async Task<ServiceProcess> StartAsync(ServiceRole role, string name)
    {
        var own = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        var environment = new Dictionary<string, string>(role == BenchRoles.Render ? _renderEnvironment : _environment)
        {
            ["Assets__CacheRoot"] = Path.Combine(own, "cache"),
            ["TMPDIR"] = own,
        };
        var service = await ServiceProcess.StartAsync(name, role.Project, role.Dll, environment, LogFolder, workingDirectory: own);
        lock (_services)
            _services.Add(service);
        return service;
    }

    private async Task<Guid> SubmitAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        var body = new { request.Prompt, request.DurationSeconds, request.AspectRatio, request.Resolution, request.BudgetUsd, request.FrameRate };
        using var response = await _http.PostAsJsonAsync(new Uri(Gateway.Address, "/v1/videos"), body, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"POST /v1/videos answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return created.GetProperty("id").GetGuid();
    }

    private async Task<BenchVideo?> StatusAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(Gateway.Address, $"/v1/videos/{id}"), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<BenchVideo>(JsonSerializerOptions.Web, cancellationToken) : null;
    }
}
