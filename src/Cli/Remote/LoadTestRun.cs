using System.Diagnostics;
using System.Net.Http;

namespace AiProd.Cli.Remote;

/// <summary>
/// Submits <see cref="LoadTestOptions.Requests"/> videos, at most <see cref="LoadTestOptions.Concurrency"/> in flight,
/// and follows each to Complete or Failed; stops submitting and following when <see cref="LoadTestOptions.Duration"/>
/// is up (what is still running is counted as <c>timeout</c>). A 429 waits as long as the gateway asks (Retry-After)
/// and is not an error: a poll is repeated, a submission sent again and counted in <see cref="LoadTestReport.Throttled"/>.
/// </summary>
/// <remarks><paramref name="body"/> makes the request body of each index; without it, the options' prompt and length.</remarks>
public sealed class LoadTestRun(GatewayClient gateway, LoadTestOptions options, TimeProvider time, Func<int, object>? body = null)
{
    private readonly List<LoadTestResult> _results = [];
    private readonly Lock _gate = new();
    private int _submitted;
    private int _inFlight;
    private int _throttled;

    /// <summary>Submissions the gateway answered 429 and that were sent again after its Retry-After.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Submitted so far, in flight now, and each finished result: what a progress view shows.</summary>
    public (int Submitted, int InFlight, IReadOnlyList<LoadTestResult> Finished) Snapshot()
    {
        lock (_gate)
            return (_submitted, _inFlight, [.. _results]);
    }

    public async Task<LoadTestReport> RunAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Duration);
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        var workers = Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < options.Requests && !deadline.IsCancellationRequested)
                Add(await OneAsync(next, deadline.Token));
        });
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return LoadTestReport.From(Snapshot().Finished, options, elapsed, Throttled, interrupted: cancellationToken.IsCancellationRequested);
    }

    private async Task<LoadTestResult> OneAsync(int index, CancellationToken cancellationToken)
    {
        var begun = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _inFlight);
        Submission? submission = null;
        try
        {
            try
            {
                // A 429 is waited out as the gateway asks (Retry-After) and sent again, as a client does; it is counted.
                while ((submission = await gateway.SubmitAsync(body?.Invoke(index) ?? new { prompt = $"{options.Prompt} (load test {index + 1})", durationSeconds = options.VideoSeconds }, cancellationToken))
                    is { Status: 429, RetryAfter: { } wait })
                {
                    Interlocked.Increment(ref _throttled);
                    await Task.Delay(wait > TimeSpan.Zero ? wait : options.PollInterval, time, cancellationToken);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new LoadTestResult(index, null, "network", null, Stopwatch.GetElapsedTime(begun), null, null);
            }

            Interlocked.Increment(ref _submitted);
            if (submission.VideoId is not { } id)
                return new LoadTestResult(index, null, $"http_{submission.Status}", submission.Latency, null, null, null);

            while (true)
            {
                try
                {
                    var (status, body, retryAfter) = await gateway.GetAsync($"/v1/videos/{id}", cancellationToken);
                    if (status == 200 && body is { } b && VideoStatusView.From(b) is { Finished: true } view)
                    {
                        var code = view.State == "Complete" ? null : $"failed:{view.ErrorCode ?? "unknown"}";
                        return new LoadTestResult(index, id, code, submission.Latency, Stopwatch.GetElapsedTime(begun), view.ActualUsd, view.Backend) { Final = view };
                    }

                    await Task.Delay(status == 429 && retryAfter is { } wait && wait > TimeSpan.Zero ? wait : options.PollInterval, time, cancellationToken);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(options.PollInterval, time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return new LoadTestResult(index, submission?.VideoId, "timeout", submission?.Latency, Stopwatch.GetElapsedTime(begun), null, null);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void Add(LoadTestResult result)
    {
        lock (_gate)
            _results.Add(result);
    }
}

/// <summary>One video of a load test: its id once accepted, its error code (null when it completed), and its times.</summary>
public sealed record LoadTestResult(int Index, Guid? VideoId, string? ErrorCode, TimeSpan? SubmitLatency, TimeSpan? EndToEnd, decimal? CostUsd, string? Backend)
{
    /// <summary>The video's last status, once it finished.</summary>
    public VideoStatusView? Final { get; init; }

    public bool Succeeded => ErrorCode is null;
}
