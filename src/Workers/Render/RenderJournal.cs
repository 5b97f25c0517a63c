using System.Security.Cryptography;
using System.Text.Json;
using AiProd.Assets;
using AiProd.Contracts;

namespace AiProd.Workers.Render;

/// <summary>
/// The render step's journal in the asset store, beside its step record: <c>steps/{step}/job-{backend}.json</c>, one
/// create-only record per provider job started (see <see cref="IRenderJournal"/>), and <c>steps/{step}/clip.json</c>,
/// what the chain delivered (backend, attempts, cost) with the SHA-256 and size of the clip, written just before the
/// clip is stored. A redelivered command that finds the clip stored and matching that hash reuses it without rendering.
/// </summary>
public sealed class RenderJournal(IAssetStore store, Guid videoId, string step) : IRenderJournal
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string ClipRecordName => $"steps/{step}/clip.json";

    public async Task<ProviderJob?> FindJobAsync(string backend, CancellationToken cancellationToken) =>
        await ReadAsync<ProviderJob>(JobRecord(backend), cancellationToken);

    public async Task<ProviderJob> RecordJobAsync(ProviderJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            await store.PutBytesAsync(videoId, JobRecord(job.Backend), JsonSerializer.SerializeToUtf8Bytes(job, Json), AssetPutOptions.CreateOnly, cancellationToken);
            return job;
        }
        catch (AssetConflictException)
        {
            return await ReadAsync<ProviderJob>(JobRecord(job.Backend), cancellationToken) ?? job;
        }
    }

    /// <summary>Records what the chain delivered in <paramref name="clipFile"/>, before the clip is stored (replacing a dead run's record).</summary>
    public async Task RecordClipAsync(RenderedShot shot, string clipFile, CancellationToken cancellationToken)
    {
        var (sha256, size) = await HashAsync(clipFile, cancellationToken);
        var record = new ClipRecord(shot with { AssetUri = "" }, sha256, size);
        await store.PutBytesAsync(videoId, ClipRecordName, JsonSerializer.SerializeToUtf8Bytes(record, Json), cancellationToken);
    }

    /// <summary>
    /// The shot as an earlier run delivered it, when its clip is stored under <paramref name="clipName"/> with the bytes
    /// that run recorded; null when there is no record, no clip, or other bytes (then the shot is rendered again).
    /// </summary>
    public async Task<RenderedShot?> StoredClipAsync(string clipName, CancellationToken cancellationToken)
    {
        if (await ReadAsync<ClipRecord>(ClipRecordName, cancellationToken) is not { } record
            || await store.FindAsync(videoId, clipName, cancellationToken) is not { } uri)
            return null;
        var (sha256, size) = await HashAsync(await store.GetLocalFileAsync(uri, cancellationToken), cancellationToken);
        return sha256 == record.Sha256 && size == record.SizeBytes ? record.Shot with { AssetUri = uri } : null;
    }

    private string JobRecord(string backend) => $"steps/{step}/job-{backend}.json";

    private async Task<T?> ReadAsync<T>(string name, CancellationToken cancellationToken)
        where T : class
    {
        if (await store.FindAsync(videoId, name, cancellationToken) is not { } uri)
            return null;
        await using var stream = await store.OpenReadAsync(uri, cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
    }

    private static async Task<(string Sha256, long Size)> HashAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
        return (Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken)), stream.Length);
    }

    private sealed record ClipRecord(RenderedShot Shot, string Sha256, long SizeBytes);
}
