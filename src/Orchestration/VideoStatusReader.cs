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

    /// <summary>Every version of video <paramref name="id"/> with its owner, or null for an unknown one.</summary>
    public async Task<(string? Owner, IReadOnlyList<VersionView> Versions)?> VersionsAsync(Guid id, CancellationToken cancellationToken) =>
        await videos.GetAsync(id, cancellationToken) is { } video ? (video.Owner, VideoVersions.From(video)) : null;

    /// <summary>
    /// Videos newest first, optionally only those in <paramref name="state"/> and only those of <paramref name="owner"/>
    /// (null: every owner's). <paramref name="pageToken"/> is the <see cref="VideoPage.NextPageToken"/> of the previous
    /// page; one this store did not issue throws <see cref="ArgumentException"/>.
    /// </summary>
    public async Task<VideoPage> ListAsync(string? state, string? owner, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        // A video stored before its 202 is in Accepted until the saga takes it, and shows as Init.
        var stored = state == VideoStages.Init ? "Accepted" : state;
        var page = await videos.ListAsync(new SagaListFilter(stored, owner), pageSize, pageToken, cancellationToken);
        return new VideoPage([.. page.Items.Select(ToStatus)], page.NextPageToken);
    }

    /// <summary>
    /// The same page as <see cref="ListAsync"/> (same filter, order and page tokens) read from the summaries the store keeps
    /// (<see cref="VideoListItem"/>), not from whole documents: what <c>GET /v1/videos</c> serves.
    /// </summary>
    public async Task<VideoListPage> ListItemsAsync(string? state, string? owner, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var stored = state == VideoStages.Init ? "Accepted" : state;
        var page = await videos.ListSummariesAsync(new SagaListFilter(stored, owner), pageSize, pageToken, cancellationToken);
        return new VideoListPage([.. page.Items.Select(s => VideoListItem.Read(s.Json))], page.NextPageToken);
    }

    public static VideoStatus ToStatus(VideoState video)
    {
        // A document written from a hand-made message may lack its request; it must still read, never throw for everyone.
        var submitted = (VideoRequest?)video.Submitted ?? (VideoRequest?)video.Request ?? new VideoRequest(string.Empty);
        var budget = ((VideoRequest?)video.Request ?? submitted).BudgetUsd;
        var state = StageLog.StageOf(video);
        var stage = state == VideoStages.Failed ? video.Error?.Stage ?? state : state;
        var renders = RenderSpend.Shots(video.RenderLedger, video.FailedRenders);
        return new VideoStatus(
            video.CorrelationId,
            state,
            stage,
            Progress.Percent(video),
            submitted,
            video.Error,
            new CostSummary(video.Estimate?.EstimatedUsd, video.ActualCostUsd, budget, video.Estimate?.Backend)
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
            Owner = video.Owner,
            SanitizedPrompt = video.Sanitized?.Request.Prompt,
            Version = video.Revision,
            Approval = ApprovalStatus.From(video),
            Approvals = video.Approvals,
        };
    }
}
