using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Decisions;
using AiProd.SagaStore;
using AiProd.SagaStore.Sqlite;

namespace AiProd.Orchestration;

/// <summary>Reads videos' status from the saga store: one by id, or a page of them, newest first.</summary>
public sealed class VideoStatusReader(ISagaQueries<VideoState> videos)
{
    public async Task<VideoStatus?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await videos.GetAsync(id, cancellationToken) is { } video ? ToStatus(video) : null;

    /// <summary>
    /// Videos newest first, optionally only those in <paramref name="state"/>. <paramref name="pageToken"/> is the
    /// <see cref="VideoPage.NextPageToken"/> of the previous page; one this store did not issue throws <see cref="ArgumentException"/>.
    /// </summary>
    public async Task<VideoPage> ListAsync(string? state, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var page = await videos.ListAsync(state, pageSize, pageToken, cancellationToken);
        return new VideoPage([.. page.Items.Select(ToStatus)], page.NextPageToken);
    }

    public static VideoStatus ToStatus(VideoState video)
    {
        var state = StageLog.StageOf(video);
        var stage = state == VideoStages.Failed ? video.Error?.Stage ?? state : state;
        var renders = RenderSpend.Shots(video.RenderLedger, video.FailedRenders);
        return new VideoStatus(
            video.CorrelationId,
            state,
            stage,
            Progress.Percent(video),
            video.Submitted,
            video.Error,
            new CostSummary(video.Estimate?.EstimatedUsd, video.ActualCostUsd, video.Request.BudgetUsd, video.Estimate?.Backend)
            {
                ByBackend = RenderSpend.ByBackend(renders),
            },
            new QaSummary(video.TechnicalQa, video.SemanticQa),
            video.AssetUri,
            video.ManifestUri,
            video.CreatedAt,
            video.UpdatedAt,
            video.History)
        {
            Renders = renders,
            SanitizedPrompt = video.Sanitized?.Request.Prompt,
        };
    }
}
