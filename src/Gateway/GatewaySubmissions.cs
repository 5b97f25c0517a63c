using System.Collections.Concurrent;
using AiProd.Contracts;
using AiProd.Orchestration;

namespace AiProd.Gateway;

/// <summary>
/// Hands an accepted video to the pipeline (<see cref="VideoSubmissions"/>: stored before the 202 on SQLite and
/// Firestore). On the in-memory store, where nothing is stored before the saga runs, it remembers the request and
/// whose it is until the saga has stored it, so a read of a just-accepted video answers and is owner-checked too.
/// </summary>
public sealed class GatewaySubmissions(VideoSubmissions submissions, AcceptedVideos accepted)
{
    private readonly ConcurrentDictionary<Guid, string?> _owners = new();

    /// <summary>Stores (where the store can) and starts the video; returns what became of it.</summary>
    public Task<Submission> SubmitAsync(Guid id, VideoRequest request, string? owner, CancellationToken cancellationToken)
    {
        if (!submissions.IsDurable)
        {
            _owners[id] = owner;
            accepted.Add(id, request);
        }

        return submissions.SubmitAsync(id, request, owner, cancellationToken);
    }

    /// <summary>A video accepted here and not stored yet: its request, when it was accepted and its owner.</summary>
    public bool TryGetAccepted(Guid id, out VideoRequest request, out DateTimeOffset at, out string? owner)
    {
        owner = null;
        if (!accepted.TryGet(id, out request, out at))
        {
            _owners.TryRemove(id, out _);
            return false;
        }

        return _owners.TryGetValue(id, out owner);
    }

    /// <summary>The saga has stored the video: its document answers from now on.</summary>
    public void Stored(Guid id)
    {
        accepted.Forget(id);
        _owners.TryRemove(id, out _);
    }
}
