using System.Text.Json;
using AiProd.Contracts;
using AiProd.Saga;
using AiProd.SagaStore;
using AiProd.SagaStore.Sqlite;
using MassTransit;
using MassTransit.Saga;

namespace AiProd.Orchestration;

/// <summary>
/// <see cref="ISagaQueries{TSaga}"/> for the in-memory saga store, so the status reader has one path whatever the
/// store. It scans the instances (they all live in this process anyway) and hands out private copies: the in-memory
/// store's instance is the live object the saga keeps changing.
/// </summary>
public sealed class InMemoryVideoQueries(ILoadSagaRepository<VideoState> load, IQuerySagaRepository<VideoState> query) : ISagaQueries<VideoState>
{
    public async Task<VideoState?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default) =>
        await load.Load(correlationId) is { } live ? Snapshot(live) : null;

    public async Task<SagaPage<VideoState>> ListAsync(SagaListFilter filter, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        VideoPageToken? after = null;
        if (pageToken is not null && !VideoPageToken.TryParse(pageToken, out after))
            throw new ArgumentException("The page token was not issued by this store.", nameof(pageToken));

        var (state, owner) = (filter.State, filter.Owner);
        var ids = await query.Find(new SagaQuery<VideoState>(v =>
            (state == null || (v.CurrentState ?? VideoStages.Init) == state) && (owner == null || v.Owner == owner)));
        var videos = new List<VideoState>();
        foreach (var id in ids)
        {
            if (await GetAsync(id, cancellationToken) is { } video)
                videos.Add(video);
        }

        var page = videos.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.CorrelationId)
            .SkipWhile(v => after is not null && !after.IsBefore(v.CreatedAt, v.CorrelationId))
            .Take(pageSize + 1)
            .ToList();
        var next = page.Count > pageSize ? new VideoPageToken(page[pageSize - 1].CreatedAt, page[pageSize - 1].CorrelationId).ToString() : null;
        return new SagaPage<VideoState>([.. page.Take(pageSize)], next);
    }

    public async Task<SagaPage<SagaSummary>> ListSummariesAsync(SagaListFilter filter, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        var page = await ListAsync(filter, pageSize, pageToken, cancellationToken);
        return new SagaPage<SagaSummary>([.. page.Items.Select(v => new SagaSummary(v.CorrelationId, VideoListItem.Summarize(v)))], page.NextPageToken);
    }

    private static VideoState Snapshot(VideoState live)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return JsonSerializer.Deserialize<VideoState>(JsonSerializer.SerializeToUtf8Bytes(live))!;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                // A list changed while it was being copied; copy again.
                Thread.Yield();
            }
        }
    }
}
