namespace AiProd.Saga.Outbox;

/// <summary>Where the saga's outbox lives between the save that filled it and the sends that empty it.</summary>
public interface IVideoOutboxStore
{
    /// <summary>
    /// Drops the sent entries (<paramref name="messageIds"/>) from the stored video, checked against its current
    /// version (retried on a conflict); <paramref name="video"/> is the instance the consume saved.
    /// </summary>
    Task RemoveSentAsync(VideoState video, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken);

    /// <summary>Videos whose outbox has held entries since <paramref name="before"/> or earlier (a crash left them), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<VideoState>> PendingSinceAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// The outbox of sagas kept in process memory (the in-memory repository, the test harness): the instance the consume
/// saved is the stored one, so dropping from it is the whole job, and nothing survives a crash to be found later.
/// </summary>
public sealed class InMemoryVideoOutboxStore : IVideoOutboxStore
{
    public Task RemoveSentAsync(VideoState video, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken)
    {
        SagaOutbox.Remove(video, messageIds);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VideoState>> PendingSinceAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<VideoState>>([]);
}
