using AiProd.SagaStore;
using MassTransit;

namespace AiProd.Saga.Outbox;

/// <summary>The saga's outbox in its document store (SQLite, Firestore): sent entries are dropped with a version-checked update.</summary>
public sealed class DocumentVideoOutboxStore(ISagaDocumentStore<VideoState> store) : IVideoOutboxStore
{
    private const int Attempts = 8;

    public async Task RemoveSentAsync(VideoState video, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The stored copy, not the consume's: another event may have saved a newer version since.
            if (await store.LoadAsync(video.CorrelationId, cancellationToken) is not { } stored || !SagaOutbox.Remove(stored, messageIds))
                return;
            try
            {
                await store.UpdateAsync(stored, cancellationToken);
                return;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Another writer got in between: read again. Past the last attempt the entries stay and the recovery
                // sweep sends them once more, with the same message ids.
                await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt * Random.Shared.Next(1, 4)), cancellationToken);
            }
        }
    }

    public Task<IReadOnlyList<VideoState>> PendingSinceAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken) =>
        store.FindAtMostAsync(nameof(VideoState.OutboxSinceUnixMs), before.ToUnixTimeMilliseconds(), limit, cancellationToken);
}
