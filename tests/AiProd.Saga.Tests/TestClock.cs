using System.Diagnostics;

namespace AiProd.Saga.Tests;

/// <summary>
/// A clock that stands still until a test moves it; the saga reads its time from it. A test whose deadlines are
/// delivered by the bus after real delays makes it follow real time (<see cref="FollowRealTime"/>).
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;
    private Stopwatch? _real;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
            return _real is null ? _now : _now + _real.Elapsed;
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
            _now += by;
    }

    /// <summary>From now on the clock moves as real time does (and still by <see cref="Advance"/>).</summary>
    public void FollowRealTime()
    {
        lock (_lock)
            _real ??= Stopwatch.StartNew();
    }
}
