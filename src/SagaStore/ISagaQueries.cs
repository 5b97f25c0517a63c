using MassTransit;

namespace AiProd.SagaStore;

/// <summary>Read side for the gateway: one instance by id, or pages of instances newest first.</summary>
public interface ISagaQueries<TSaga>
    where TSaga : class, ISagaVersion
{
    Task<TSaga?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Instances newest first (creation time, then id), optionally only those in <paramref name="state"/>.
    /// <paramref name="pageToken"/> is the previous page's <see cref="SagaPage{TSaga}.NextPageToken"/>, or null for the first page.
    /// </summary>
    Task<SagaPage<TSaga>> ListAsync(string? state, int pageSize, string? pageToken, CancellationToken cancellationToken = default);
}

/// <summary>One page of instances; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record SagaPage<TSaga>(IReadOnlyList<TSaga> Items, string? NextPageToken);
