using MassTransit;

namespace AiProd.SagaStore;

/// <summary>Read side for the gateway: one instance by id, or pages of instances newest first.</summary>
public interface ISagaQueries<TSaga>
    where TSaga : class, ISagaVersion
{
    Task<TSaga?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Instances newest first (creation time, then id) that match <paramref name="filter"/> (a state, an owner), filtered
    /// by the store's own query so every page is full. <paramref name="pageToken"/> is the previous page's
    /// <see cref="SagaPage{TSaga}.NextPageToken"/> (with the same filter), or null for the first page.
    /// </summary>
    Task<SagaPage<TSaga>> ListAsync(SagaListFilter filter, int pageSize, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same page as <see cref="ListAsync"/> (same order, filter and page tokens), but only each instance's
    /// <see cref="SagaSummary"/>: the small JSON the store's summary function (its <c>Summary</c> setting) made of the
    /// instance in the same write as the document, so a page reads kilobytes, not every document whole. An instance
    /// written before summaries were kept is read whole and summarised on the fly. Throws
    /// <see cref="InvalidOperationException"/> when the store has no summary function.
    /// </summary>
    Task<SagaPage<SagaSummary>> ListSummariesAsync(SagaListFilter filter, int pageSize, string? pageToken, CancellationToken cancellationToken = default);
}

/// <summary>One page of instances; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record SagaPage<TSaga>(IReadOnlyList<TSaga> Items, string? NextPageToken);

/// <summary>Which instances a list returns; a null member does not filter.</summary>
/// <param name="State">Only instances in this state.</param>
/// <param name="Owner">Only instances of this owner (the store's owner column or field); null lists every owner's.</param>
public sealed record SagaListFilter(string? State = null, string? Owner = null);

/// <summary>An instance's list summary: its id and the JSON its store's summary function made of it when it was saved.</summary>
public sealed record SagaSummary(Guid Id, string Json);
