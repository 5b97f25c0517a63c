using System.Diagnostics;

namespace AiProd.Testing;

/// <summary>
/// The official Firestore emulator for tests: the one named by FIRESTORE_EMULATOR_HOST, or one started on a free
/// loopback port in its own process group (its script runs java as a child), stopped as a group. One it started can
/// be stopped and started again on the same port (it keeps nothing across that).
/// </summary>
public sealed class FirestoreEmulatorProcess : IAsyncDisposable
{
    private Process? _process;

    private FirestoreEmulatorProcess(string host, bool owned)
    {
        Host = host;
        Owned = owned;
    }

    /// <summary>host:port, as FIRESTORE_EMULATOR_HOST would say.</summary>
    public string Host { get; }

    public bool Owned { get; }

    /// <summary>Null (with the reason in <paramref name="whyNot"/>) when there is neither a configured nor an installed emulator.</summary>
    public static async Task<FirestoreEmulatorProcess?> StartAsync(Action<string> whyNot)
    {
        var configured = Environment.GetEnvironmentVariable("FIRESTORE_EMULATOR_HOST");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var given = new FirestoreEmulatorProcess(configured, owned: false);
            await given.WaitUntilReady(TimeSpan.FromSeconds(10));
            return given;
        }

        if (HttpReadiness.Gcloud() is null)
        {
            whyNot("No Firestore emulator: set FIRESTORE_EMULATOR_HOST, or install the Google Cloud SDK with its Firestore emulator (and Java).");
            return null;
        }

        var emulator = new FirestoreEmulatorProcess($"127.0.0.1:{FreePort.Next()}", owned: true);
        await emulator.RestartAsync();
        return emulator;
    }

    /// <summary>Starts it (again) on its port and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        var gcloud = HttpReadiness.Gcloud() ?? throw new InvalidOperationException("The Firestore emulator is not installed.");
        var port = Host.Split(':')[1];
        var script = HttpReadiness.SdkLauncher(gcloud, "platform", "cloud-firestore-emulator", "cloud_firestore_emulator");
        var start = script is null
            ? new ProcessStartInfo("setsid", [gcloud, "emulators", "firestore", "start", $"--host-port={Host}", "--quiet"])
            : new ProcessStartInfo("setsid", [script, "start", "--host=127.0.0.1", $"--port={port}"]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Firestore emulator.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReady(TimeSpan.FromSeconds(60));
    }

    /// <summary>Stops it (TERM to its group, KILL after 5 s).</summary>
    public async Task StopAsync()
    {
        if (_process is null)
            return;
        // setsid made the emulator's script a process-group leader: signal the group so the java child goes too.
        await ProcessGroup.SignalAsync(_process.Id, "TERM");
        if (!_process.WaitForExit(5000))
        {
            await ProcessGroup.SignalAsync(_process.Id, "KILL");
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private Task WaitUntilReady(TimeSpan timeout) => HttpReadiness.WaitAsync("The Firestore emulator", new Uri($"http://{Host}/"), _process, timeout);
}
