using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>
/// One Pub/Sub emulator for the integration tests: the one named by PUBSUB_EMULATOR_HOST, or one started here on a free
/// loopback port in its own process group, killed as a group at the end. Tests that kill and restart it use the same port.
/// </summary>
[SetUpFixture]
public sealed class PubSubEmulator
{
    public const string ProjectId = "aiprod-test";

    private static Process? _process;
    private static bool _ownProcess;

    public static string Host { get; private set; } = string.Empty;

    /// <summary>Whether this run started the emulator (and so may kill and restart it).</summary>
    public static bool Controllable => _ownProcess;

    [OneTimeSetUp]
    public async Task Start()
    {
        var configured = Environment.GetEnvironmentVariable("PUBSUB_EMULATOR_HOST");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Host = configured;
            await WaitUntilReady(TimeSpan.FromSeconds(10));
            return;
        }

        if (Launcher() is null)
        {
            Assert.Ignore("No Pub/Sub emulator: set PUBSUB_EMULATOR_HOST, or install the Google Cloud SDK with its Pub/Sub emulator (and Java).");
            return;
        }

        Host = $"127.0.0.1:{FreePort()}";
        _ownProcess = true;
        await Launch();
    }

    [OneTimeTearDown]
    public async Task Stop() => await Kill();

    /// <summary>Kills the emulator (all its topics, subscriptions and messages are gone: it keeps nothing on disk).</summary>
    public static async Task Kill()
    {
        if (_process is null)
            return;
        using (var kill = Process.Start("kill", ["-KILL", "--", $"-{_process.Id}"]))
            await kill.WaitForExitAsync();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts it again on the same port.</summary>
    public static Task Restart() => Launch();

    private static async Task Launch()
    {
        var port = Host.Split(':')[1];
        var launcher = Launcher()!;
        var start = launcher.EndsWith("gcloud", StringComparison.Ordinal)
            ? new ProcessStartInfo("setsid", [launcher, "beta", "emulators", "pubsub", "start", $"--host-port={Host}", $"--project={ProjectId}", "--quiet"])
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

    private static async Task WaitUntilReady(TimeSpan timeout)
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
                Assert.Fail($"The Pub/Sub emulator exited with code {_process.ExitCode} before answering on {Host}.");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The Pub/Sub emulator did not answer on {Host} within {timeout.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The emulator's own launcher beside gcloud (skips gcloud's Python start-up), else gcloud itself.</summary>
    private static string? Launcher()
    {
        var gcloud = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "gcloud")).FirstOrDefault(File.Exists);
        if (gcloud is null)
            return null;
        var resolved = new FileInfo(gcloud).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? gcloud;
        var sdkRoot = Path.GetDirectoryName(Path.GetDirectoryName(resolved));
        var direct = sdkRoot is null ? null : Path.Combine(sdkRoot, "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator");
        return direct is not null && File.Exists(direct) ? direct : gcloud;
    }
}
