using System.Security.Cryptography;
using AiProd.Collaboration.Records;

namespace AiProd.Collaboration.Audit;

/// <summary>
/// The audit trail: appended to, read by administrators, never edited (the store is append-only; on SQLite triggers
/// refuse any UPDATE or DELETE of its table).
/// </summary>
public sealed class AuditLog(IRecordStore<AuditEntry> store, TimeProvider time)
{
    public const int MaxPage = 500;

    public async Task<AuditEntry> RecordAsync(string actor, string action, Guid? videoId = null, int? version = null, string? target = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        var entry = new AuditEntry($"au_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", time.GetUtcNow(), actor, action, videoId, version, target,
            detail is { Length: > 500 } ? detail[..500] : detail);
        await store.CreateAsync(entry, cancellationToken);
        return entry;
    }

    /// <summary>Up to <paramref name="limit"/> entries, newest first, of one video when given.</summary>
    public Task<IReadOnlyList<AuditEntry>> ListAsync(Guid? videoId, int limit, CancellationToken cancellationToken) =>
        store.ListAsync(videoId?.ToString("D"), Math.Clamp(limit, 1, MaxPage), cancellationToken);
}
