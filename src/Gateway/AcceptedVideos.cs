using System.Collections.Concurrent;
using AiProd.Contracts;

namespace AiProd.Gateway;

/// <summary>
/// Videos this gateway accepted whose saga may not be stored yet (sending is asynchronous), so a GET right
/// after the 202 answers "Init" instead of 404. Entries are dropped once the saga exists or after ten minutes.
/// </summary>
public sealed class AcceptedVideos(TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<Guid, (VideoRequest Request, DateTimeOffset At)> _accepted = new();

    public void Add(Guid id, VideoRequest request) => _accepted[id] = (request, time.GetUtcNow());

    public bool TryGet(Guid id, out VideoRequest request, out DateTimeOffset at)
    {
        request = null!;
        at = default;
        if (!_accepted.TryGetValue(id, out var entry))
            return false;
        if (time.GetUtcNow() - entry.At > Keep)
        {
            _accepted.TryRemove(id, out _);
            return false;
        }

        (request, at) = entry;
        return true;
    }

    public void Forget(Guid id) => _accepted.TryRemove(id, out _);
}
