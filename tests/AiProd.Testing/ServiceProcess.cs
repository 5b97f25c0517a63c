using System.Diagnostics;
using System.Net;

namespace AiProd.Testing;

/// <summary>
/// One AiProd service (gateway, orchestrator or a worker role) run from its build output as its own process, as an
/// operator runs it: configuration by environment, its own loopback port, its log in a file. Stopped with SIGTERM
/// (graceful) or SIGKILL (a crash), by its process id.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptLines = 300;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly StreamWriter _log;

    private ServiceProcess(string name, Process process, Uri address, string logFile, StreamWriter log)
    {
        Name = name;
        _process = process;
        Address = address;
        LogFile = logFile;
        _log = log;
    }

    public string Name { get; }

    public Uri Address { get; }

    public string LogFile { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it wrote (stdout and stderr), for a failure message.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
                return string.Join(Environment.NewLine, _tail);
        }
    }

    /// <summary>
    /// Starts <c>src/<paramref name="project"/></c>'s <paramref name="dll"/> and waits until <c>/health</c> answers 200.
    /// A developer's provider keys are removed from the environment, so no test reaches a real API.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string name, string project, string dll, IReadOnlyDictionary<string, string> environment, string logFolder, string? workingDirectory = null, TimeSpan? healthTimeout = null)
    {
        var port = FreePort.Next();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? logFolder,
        };
        foreach (var key in new[] { "GEMINI_API_KEY", "RUNWAYML_API_SECRET", "REPLICATE_API_TOKEN" })
            psi.Environment.Remove(key);
        psi.Environment["DOTNET_gcServer"] = "0";
        // An empty value removes a variable: the benches measure a service with its project's own settings.
        foreach (var (key, value) in environment)
        {
            if (value.Length == 0)
                psi.Environment.Remove(key);
            else
                psi.Environment[key] = value;
        }

        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.ArgumentList.Add(RepoPaths.Built(project, dll));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");

        Directory.CreateDirectory(logFolder);
        var logFile = Path.Combine(logFolder, $"{name}.log");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {name}.");
        var service = new ServiceProcess(name, process, new Uri($"http://127.0.0.1:{port}"), logFile, log);
        process.OutputDataReceived += (_, e) => service.Write(e.Data);
        process.ErrorDataReceived += (_, e) => service.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitHealthyAsync(healthTimeout ?? TimeSpan.FromSeconds(90));
        return service;
    }

    /// <summary>SIGTERM, then waits up to <paramref name="grace"/> for a clean exit; SIGKILL after that. Returns whether it exited in time.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return true;
        await ProcessGroup.SignalOneAsync(_process.Id, "TERM");
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            Kill();
            return false;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing, exactly like a crash or an evicted pod.</summary>
    public void Kill()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_tail)
            _log.Dispose();
    }

    private void Write(string? line)
    {
        if (line is null)
            return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > KeptLines)
                _tail.Dequeue();
            _log.WriteLine(line);
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting:{Environment.NewLine}{Tail}");
            try
            {
                if ((await http.GetAsync(new Uri(Address, "/health"))).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} did not become healthy within {timeout.TotalSeconds:0} s:{Environment.NewLine}{Tail}");
    }
}
