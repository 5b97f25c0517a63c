using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace AiProd.Transport.PubSub.Tests.Worker;

/// <summary>
/// A worker host (<see cref="WorkerProgram"/>) in a child process: started from this test assembly with <c>dotnet</c>,
/// stopped with SIGTERM like a pod, killed if a test leaves it running.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<int> _started = new();
    private readonly ConcurrentQueue<int> _completed = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private WorkerProcess(Process process) => _process = process;

    public IReadOnlyList<int> Started => [.. _started];

    public IReadOnlyList<int> Completed => [.. _completed];

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<WorkerProcess> StartAsync(WorkerOptions options)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(WorkerProgram).Assembly.Location);
        foreach (var argument in options.ToArgs())
            start.ArgumentList.Add(argument);
        start.Environment.Remove("PUBSUB_EMULATOR_HOST");
        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker process."));
        worker._process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
        worker._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
                worker._errors.Enqueue(line);
        };
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        var exited = worker._process.WaitForExitAsync();
        if (await Task.WhenAny(worker._ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != worker._ready.Task)
        {
            await worker.DisposeAsync();
            Assert.Fail($"The worker process did not get ready: {string.Join(Environment.NewLine, worker._errors)}");
        }

        return worker;
    }

    /// <summary>What Kubernetes (and a terminal's kill) sends: the .NET host stops gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task WaitForStarted(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_started.Count < count)
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
                Assert.Fail($"The worker started {_started.Count} job(s), not {count}: {string.Join(Environment.NewLine, _errors)}");
            await Task.Delay(20);
        }
    }

    public string Errors => string.Join(Environment.NewLine, _errors);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        switch (line?.Split(' '))
        {
            case ["ready"]:
                _ready.TrySetResult();
                break;
            case ["started", var n]:
                _started.Enqueue(int.Parse(n, CultureInfo.InvariantCulture));
                break;
            case ["completed", var n]:
                _completed.Enqueue(int.Parse(n, CultureInfo.InvariantCulture));
                break;
        }
    }
}
