using MassTransit;

namespace AiProd.SagaStore.Sqlite;

/// <summary>
/// One async lock per saga instance inside this process. Messages for the same instance then take turns instead of
/// racing to a version conflict, so a burst (20 ShotRendered at once) needs no retries; the version check still
/// guards against other processes sharing the database.
/// </summary>
public sealed class SagaInstanceLocks<TSaga>
    where TSaga : class, ISagaVersion
{
    private readonly Dictionary<Guid, Entry> _entries = [];

    public async Task<IDisposable> AcquireAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(correlationId, out entry!))
                _entries[correlationId] = entry = new Entry();
            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(correlationId, entry);
            throw;
        }

        return new Holder(this, correlationId, entry);
    }

    private void Leave(Guid correlationId, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
                _entries.Remove(correlationId);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Holder(SagaInstanceLocks<TSaga> owner, Guid correlationId, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
                return;
            entry.Gate.Release();
            owner.Leave(correlationId, entry);
        }
    }
}
