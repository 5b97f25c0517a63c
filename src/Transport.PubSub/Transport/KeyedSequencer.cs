namespace AiProd.Transport.PubSub.Transport;

/// <summary>Runs work for one ordering key strictly one after another; different keys run side by side.</summary>
internal sealed class KeyedSequencer
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);

    public Task Run(string key, Func<Task> work)
    {
        lock (_tails)
        {
            var previous = _tails.GetValueOrDefault(key) ?? Task.CompletedTask;
            var next = previous.ContinueWith(_ => work(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            _tails[key] = next;
            _ = next.ContinueWith(done =>
            {
                lock (_tails)
                {
                    if (_tails.TryGetValue(key, out var tail) && tail == done)
                        _tails.Remove(key);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return next;
        }
    }
}
