using AiProd.SagaStore.Firestore.V1;

namespace AiProd.SagaStore.Firestore.Saga;

/// <summary>
/// The last version of each recently written or read saga document that this process knows, so the saga's next message
/// for it starts without a Firestore read. Safe because every saga write is a compare-and-swap on the version it was
/// loaded from: a copy made stale by another process (a replica, a sweep) fails its write, is dropped here, and the
/// retry reads the document again. Only the saga repository reads from it; every write through this store (the saga's
/// and the shared <see cref="FirestoreSagaDocumentStore{TSaga}"/>'s) keeps it current. At most
/// <see cref="FirestoreOptions.DocumentCacheEntries"/> documents, the least recently used dropped first; 0 turns it off.
/// Thread-safe.
/// </summary>
public sealed class SagaDocumentCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Id, Document Document)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, Document Document)> _recency = new();
    private readonly Lock _gate = new();
    private long _hits;

    public bool Enabled => capacity > 0;

    /// <summary>Loads answered from here.</summary>
    public long Hits => Interlocked.Read(ref _hits);


    /// <summary>The known version of <paramref name="id"/>; its fields must not be changed.</summary>
    public bool TryGet(string id, out Document document)
    {
        if (Enabled)
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(id, out var node))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    document = node.Value.Document;
                    Interlocked.Increment(ref _hits);
                    return true;
                }
            }
        }

        document = null!;
        return false;
    }

    /// <summary>Remembers <paramref name="document"/> as the newest version of <paramref name="id"/> known here.</summary>
    public void Put(string id, Document document)
    {
        if (!Enabled)
            return;
        lock (_gate)
        {
            if (_entries.Remove(id, out var old))
                _recency.Remove(old);
            _entries[id] = _recency.AddFirst((id, document));
            while (_entries.Count > capacity && _recency.Last is { } last)
            {
                _recency.RemoveLast();
                _entries.Remove(last.Value.Id);
            }
        }
    }

    /// <summary>Forgets <paramref name="id"/>: its copy may be stale (a lost compare-and-swap) or the document is gone.</summary>
    public void Forget(string id)
    {
        if (!Enabled)
            return;
        lock (_gate)
        {
            if (_entries.Remove(id, out var node))
                _recency.Remove(node);
        }
    }
}
