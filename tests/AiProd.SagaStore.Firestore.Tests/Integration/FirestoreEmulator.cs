using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>
/// One Firestore emulator for every integration test: the one named by FIRESTORE_EMULATOR_HOST, or one started here
/// on a free loopback port in its own process group (the script runs java as a child), killed as a group at the end.
/// </summary>
[SetUpFixture]
public sealed class FirestoreEmulator
{
    public const string ProjectId = "aiprod-test";

    private static Process? _process;

    public static string Host { get; private set; } = string.Empty;

    public static FirestoreOptions Options(string collection) =>
        new() { ProjectId = ProjectId, EmulatorHost = Host, Collection = collection };

    [OneTimeSetUp]
    public async Task Start()
    {
        var configured = Environment.GetEnvironmentVariable("FIRESTORE_EMULATOR_HOST");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Host = configured;
            await WaitUntilReady(TimeSpan.FromSeconds(10));
            return;
        }

        var gcloud = OnPath("gcloud");
        if (gcloud is null)
        {
            Assert.Ignore("No Firestore emulator: set FIRESTORE_EMULATOR_HOST, or install the Google Cloud SDK with its Firestore emulator (and Java).");
            return;
        }

        Host = $"127.0.0.1:{FreePort()}";
        var port = Host.Split(':')[1];
        var script = DirectScript(gcloud);
        var start = script is null
            ? new ProcessStartInfo("setsid", [gcloud, "emulators", "firestore", "start", $"--host-port={Host}", $"--project={ProjectId}", "--quiet"])
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

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_process is null)
            return;
        // setsid made the emulator's script a process-group leader: signal the group so the java child goes too.
        await Signal("TERM");
        if (!_process.WaitForExit(5000))
        {
            await Signal("KILL");
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    private static async Task Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", "--", $"-{_process!.Id}"]);
        await kill.WaitForExitAsync();
    }

    private static async Task WaitUntilReady(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var response = await http.GetAsync(new Uri($"http://{Host}/"));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (_process is { HasExited: true })
                Assert.Fail($"The Firestore emulator exited with code {_process.ExitCode} before answering on {Host}.");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The Firestore emulator did not answer on {Host} within {timeout.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The emulator's own launcher beside gcloud (skips gcloud's Python start-up), when it can be found.</summary>
    private static string? OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command)).FirstOrDefault(File.Exists);

    private static string? DirectScript(string gcloud)
    {
        var resolved = new FileInfo(gcloud).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? gcloud;
        var sdkRoot = Path.GetDirectoryName(Path.GetDirectoryName(resolved));
        var script = sdkRoot is null ? null : Path.Combine(sdkRoot, "platform", "cloud-firestore-emulator", "cloud_firestore_emulator");
        return script is not null && File.Exists(script) ? script : null;
    }
}
