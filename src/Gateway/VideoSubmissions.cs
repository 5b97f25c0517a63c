using System.Collections.Concurrent;
using AiProd.Contracts;
using MassTransit;

namespace AiProd.Gateway;

/// <summary>
/// Hands an accepted video to the pipeline, and remembers whose it is until the saga has stored it (the store's
/// <c>owner</c> answers after that), so a read of a just-accepted video is checked against its owner too.
/// </summary>
public sealed class VideoSubmissions(IBus bus, AcceptedVideos accepted, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, string?> _owners = new();

    /// <summary>The send: <c>GenerateVideo</c> to the orchestrator's endpoint, carrying the owner.</summary>
    public async Task SubmitAsync(Guid id, VideoRequest request, string? owner, CancellationToken cancellationToken)
    {
        _owners[id] = owner;
        accepted.Add(id, request);
        // Sent to the orchestrator's endpoint rather than published: it waits there even if no orchestrator runs yet.
        var saga = await bus.GetSendEndpoint(RoleEndpoints.SagaAddress);
        await saga.Send(new GenerateVideo(id, request, time.GetUtcNow()) { Owner = owner }, cancellationToken);
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
