using System.Text.Json;
using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Decisions;
using MassTransit;

namespace AiProd.Hosting;

/// <summary>Reads a video's status from the saga store.</summary>
public sealed class VideoStatusReader(ILoadSagaRepository<VideoState> sagas)
{
    public async Task<VideoStatus?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var video = await sagas.Load(id);
        return video is null ? null : ToStatus(Snapshot(video));
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
