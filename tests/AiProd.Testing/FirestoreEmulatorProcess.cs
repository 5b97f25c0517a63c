using System.Diagnostics;
using System.Net;

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

        if (Gcloud() is null)
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
        var gcloud = Gcloud() ?? throw new InvalidOperationException("The Firestore emulator is not installed.");
        var port = Host.Split(':')[1];
        var script = DirectScript(gcloud);
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

    private async Task WaitUntilReady(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"http://{Host}/"))).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (_process is { HasExited: true })
                throw new InvalidOperationException($"The Firestore emulator exited with code {_process.ExitCode} before answering on {Host}.");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The Firestore emulator did not answer on {Host} within {timeout.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    private static string? Gcloud() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "gcloud")).FirstOrDefault(File.Exists);

    /// <summary>The emulator's own launcher beside gcloud (skips gcloud's Python start-up), when it can be found.</summary>
    private static string? DirectScript(string gcloud)
    {
        var resolved = new FileInfo(gcloud).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? gcloud;
        var sdkRoot = Path.GetDirectoryName(Path.GetDirectoryName(resolved));
        var script = sdkRoot is null ? null : Path.Combine(sdkRoot, "platform", "cloud-firestore-emulator", "cloud_firestore_emulator");
        return script is not null && File.Exists(script) ? script : null;
    }
}
