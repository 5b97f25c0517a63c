namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// Counts the work started for received messages, so a stop can wait until every one of them has settled its message.
/// A counter, not a set of tasks: nothing is allocated or locked per message, only when a stop waits.
/// </summary>
internal sealed class PendingWork
{
    private readonly object _gate = new();
    private int _count;
    private TaskCompletionSource? _idle;

    public void Enter() => Interlocked.Increment(ref _count);

    public void Leave()
    {
        if (Interlocked.Decrement(ref _count) != 0)
            return;
        lock (_gate)
        {
            if (Volatile.Read(ref _count) == 0)
                _idle?.TrySetResult();
        }
    }

    /// <summary>Done when no work is left; called once nothing new can start (the pullers have ended).</summary>
    public Task WhenAll()
    {
        lock (_gate)
        {
            if (Volatile.Read(ref _count) == 0)
                return Task.CompletedTask;
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }
}
