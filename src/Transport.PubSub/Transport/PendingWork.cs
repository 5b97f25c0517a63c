namespace AiProd.Transport.PubSub.Transport;

/// <summary>Tasks started for received messages, so a stop can wait until every one of them has settled its message.</summary>
internal sealed class PendingWork
{
    private readonly HashSet<Task> _tasks = [];

    public void Track(Task task)
    {
        lock (_tasks)
            _tasks.Add(task);
        _ = task.ContinueWith(t =>
        {
            lock (_tasks)
                _tasks.Remove(t);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task WhenAll()
    {
        lock (_tasks)
            return Task.WhenAll([.. _tasks]);
    }
}
