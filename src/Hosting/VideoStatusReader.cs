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
        return video is null ? null : ToStatus(video);
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
            video.Request,
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
