using System.Collections.Concurrent;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>
/// Fault injection shared by the stubs: error answers queued per route ("submit", "poll", "download", ...), a
/// latency added to every answer, and a log of the calls each route received (with their times, to check backoff).
/// </summary>
public sealed class StubFaults
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, int? RetryAfterSeconds)>> _queued = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _calls = new();

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The next <paramref name="times"/> calls to <paramref name="route"/> answer <paramref name="status"/> (with Retry-After when given).</summary>
    public void FailNext(string route, int status, int times = 1, int? retryAfterSeconds = null)
    {
        var queue = _queued.GetOrAdd(route, _ => new());
        for (var i = 0; i < times; i++)
            queue.Enqueue((status, retryAfterSeconds));
    }

    /// <summary>Records a call and returns the fault it must answer with, if one is queued.</summary>
    public async Task<(int Status, int? RetryAfterSeconds)?> OnCallAsync(string route, CancellationToken cancellationToken)
    {
        _calls.GetOrAdd(route, _ => new()).Enqueue(DateTimeOffset.UtcNow);
        if (Latency > TimeSpan.Zero)
            await Task.Delay(Latency, cancellationToken);
        return _queued.TryGetValue(route, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
    }

    public int Calls(string route) => _calls.TryGetValue(route, out var q) ? q.Count : 0;

    public IReadOnlyList<DateTimeOffset> CallTimes(string route) => _calls.TryGetValue(route, out var q) ? [.. q] : [];
}
