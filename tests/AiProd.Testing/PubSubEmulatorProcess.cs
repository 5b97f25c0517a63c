using System.Diagnostics;

namespace AiProd.Testing;

/// <summary>
/// The official Pub/Sub emulator for tests: the one named by PUBSUB_EMULATOR_HOST, or one started on a free loopback
/// port in its own process group (killed as a group). One it started can be killed and restarted on the same port; it
/// keeps nothing on disk, so a restart loses every topic, subscription and message. Shared through AiProd.Testing.
/// </summary>
public sealed class PubSubEmulatorProcess : IAsyncDisposable
{
    private Process? _process;

    private PubSubEmulatorProcess(string host, bool owned)
    {
        Host = host;
        Owned = owned;
    }

    /// <summary>host:port, as PUBSUB_EMULATOR_HOST would say.</summary>
    public string Host { get; }

    /// <summary>Whether this process started it (and so may kill and restart it).</summary>
    public bool Owned { get; }

    /// <summary>Null (with the reason in <paramref name="whyNot"/>) when there is neither a configured nor an installed emulator.</summary>
    public static async Task<PubSubEmulatorProcess?> StartAsync(Action<string> whyNot)
    {
        var configured = Environment.GetEnvironmentVariable("PUBSUB_EMULATOR_HOST");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var given = new PubSubEmulatorProcess(configured, owned: false);
            await given.WaitUntilReady(TimeSpan.FromSeconds(10));
            return given;
        }

        if (Launcher() is null)
        {
            whyNot("No Pub/Sub emulator: set PUBSUB_EMULATOR_HOST, or install the Google Cloud SDK with its Pub/Sub emulator (and Java).");
            return null;
        }

        var emulator = new PubSubEmulatorProcess($"127.0.0.1:{FreePort.Next()}", owned: true);
        await emulator.RestartAsync();
        return emulator;
    }

    public async Task KillAsync()
    {
        if (_process is null)
            return;
        await ProcessGroup.SignalAsync(_process.Id, "KILL");
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts it (again) on its port and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        var launcher = Launcher() ?? throw new InvalidOperationException("The Pub/Sub emulator is not installed.");
        var port = Host.Split(':')[1];
        var start = launcher.EndsWith("gcloud", StringComparison.Ordinal)
            ? new ProcessStartInfo("setsid", [launcher, "beta", "emulators", "pubsub", "start", $"--host-port={Host}", "--quiet"])
            : new ProcessStartInfo("setsid", [launcher, "--host=127.0.0.1", $"--port={port}"]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Pub/Sub emulator.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReady(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private Task WaitUntilReady(TimeSpan timeout) => HttpReadiness.WaitAsync("The Pub/Sub emulator", new Uri($"http://{Host}/"), _process, timeout);


    /// <summary>The emulator's own launcher beside gcloud (skips gcloud's Python start-up), else gcloud itself.</summary>
    private static string? Launcher() =>
        HttpReadiness.Gcloud() is { } gcloud
            ? HttpReadiness.SdkLauncher(gcloud, "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator") ?? gcloud
            : null;
}
