using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AiProd.Testing;

/// <summary>
/// firebase-tools' real Cloud Storage emulator, started through <c>scripts/storage-emulator/launch.js</c> on a free
/// loopback port, its blobs in a folder of the caller's, stopped by process id. With
/// <c>enforcePreconditions</c> the launcher adds what the emulator lacks: <c>ifGenerationMatch</c> on uploads and
/// deletes answered with 412 (our code on top of the emulator, not emulator behaviour). It depends on nothing but
/// .NET, so it can move to a shared test-support project as is.
/// </summary>
public sealed class StorageEmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private StorageEmulatorProcess(Process process, ConcurrentQueue<string> output, string host, string blobFolder, bool enforcesPreconditions)
    {
        _process = process;
        _output = output;
        Host = host;
        BlobFolder = blobFolder;
        EnforcesPreconditions = enforcesPreconditions;
    }

    /// <summary>host:port, as STORAGE_EMULATOR_HOST would say without its scheme.</summary>
    public string Host { get; }

    /// <summary>http://host:port/, the root of the emulator's GCS JSON API.</summary>
    public Uri BaseUri => new($"http://{Host}/");

    /// <summary>Where the emulator keeps object bytes (one file per object; metadata stays in its memory).</summary>
    public string BlobFolder { get; }

    public bool EnforcesPreconditions { get; }

    /// <summary>What the emulator printed so far, for a failing test's message.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<StorageEmulatorProcess> StartAsync(string blobFolder, bool enforcePreconditions, TimeSpan? timeout = null)
    {
        var launcher = Launcher();
        for (var attempt = 1; ; attempt++)
        {
            var host = $"127.0.0.1:{FreePort()}";
            var output = new ConcurrentQueue<string>();
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { launcher, "--host", "127.0.0.1", "--port", host.Split(':')[1], "--dir", blobFolder })
                start.ArgumentList.Add(arg);
            if (enforcePreconditions)
                start.ArgumentList.Add("--enforce-preconditions");
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for the Storage emulator.");
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var emulator = new StorageEmulatorProcess(process, output, host, blobFolder, enforcePreconditions);
            try
            {
                await emulator.WaitUntilReadyAsync(timeout ?? TimeSpan.FromSeconds(30));
                return emulator;
            }
            catch (InvalidOperationException) when (attempt < 3 && emulator.Output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                await emulator.DisposeAsync(); // another process took the free port first: try another
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The Storage emulator exited with code {_process.ExitCode} before answering on {Host}:{Environment.NewLine}{Output}");
            try
            {
                if ((await http.GetAsync(new Uri(BaseUri, "b"))).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The Storage emulator did not answer on {Host} within {timeout.TotalSeconds} s:{Environment.NewLine}{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>launch.js in the repository this test runs from, with its packages installed.</summary>
    private static string Launcher()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var launcher = Path.Combine(dir.FullName, "scripts", "storage-emulator", "launch.js");
            if (!File.Exists(launcher))
                continue;
            if (!Directory.Exists(Path.Combine(dir.FullName, "scripts", "storage-emulator", "node_modules", "firebase-tools")))
                throw new InvalidOperationException("The Storage emulator's packages are not installed: run scripts/ensure-deps.sh (npm ci in scripts/storage-emulator).");
            return launcher;
        }

        throw new InvalidOperationException("scripts/storage-emulator/launch.js was not found above the test's folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
