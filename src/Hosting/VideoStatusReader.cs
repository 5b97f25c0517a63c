using System.Text.Json;
using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Decisions;
using MassTransit;
using MassTransit.Saga;

namespace AiProd.Hosting;

/// <summary>Reads videos' status from the saga store: one by id, or a page of them, newest first.</summary>
public sealed class VideoStatusReader(ILoadSagaRepository<VideoState> sagas, IQuerySagaRepository<VideoState> query)
{
    public async Task<VideoStatus?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var video = await sagas.Load(id);
        return video is null ? null : ToStatus(Snapshot(video));
    }

    /// <summary>
    /// Videos newest first, optionally only those in <paramref name="state"/>. <paramref name="pageToken"/> is the
    /// <see cref="VideoPage.NextPageToken"/> of the previous page.
    /// </summary>
    public async Task<VideoPage> ListAsync(string? state, int pageSize, VideoPageToken? pageToken, CancellationToken cancellationToken)
    {
        var ids = state is null
            ? await query.Find(new SagaQuery<VideoState>(v => true))
            : state == VideoStages.Init
                ? await query.Find(new SagaQuery<VideoState>(v => v.CurrentState == null || v.CurrentState == "Initial"))
                : await query.Find(new SagaQuery<VideoState>(v => v.CurrentState == state));

        var videos = new List<VideoStatus>();
        foreach (var id in ids)
        {
            if (await sagas.Load(id) is { } video)
                videos.Add(ToStatus(Snapshot(video)));
        }

        var ordered = videos.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            .SkipWhile(v => pageToken is not null && !pageToken.IsBefore(v.CreatedAt, v.Id))
            .Take(pageSize + 1)
            .ToList();
        var next = ordered.Count > pageSize ? VideoPageToken.After(ordered[pageSize - 1]) : null;
        return new VideoPage([.. ordered.Take(pageSize)], next?.ToString());
    }

    /// <summary>
    /// A private copy of the instance. The in-memory store hands out the live object that the saga keeps changing,
    /// so reading its lists directly could see them mid-update; a copy that fails that way is simply taken again.
    /// </summary>
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
                Thread.Yield();
            }
        }
    }

    public static VideoStatus ToStatus(VideoState video)
    {
        var state = StageLog.StageOf(video);
        var stage = state == VideoStages.Failed ? video.Error?.Stage ?? state : state;
        return new VideoStatus(
            video.CorrelationId,
            state,
            stage,
            Progress.Percent(video),
            video.Submitted,
            video.Error,
            new CostSummary(video.Estimate?.EstimatedUsd, video.ActualCostUsd, video.Request.BudgetUsd, video.Estimate?.Backend),
            new QaSummary(video.TechnicalQa, video.SemanticQa),
            video.AssetUri,
            video.ManifestUri,
            video.CreatedAt,
            video.UpdatedAt,
            video.History);
    }
}
