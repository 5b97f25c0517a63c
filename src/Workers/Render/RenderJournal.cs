using System.Text.Json;
using AiProd.Assets;
using AiProd.Contracts;

namespace AiProd.Workers.Render;

/// <summary>
/// The render step's journal in the asset store, beside its step record: <c>steps/{step}/job-{backend}.json</c>, one
/// create-only record per provider job started (see <see cref="IRenderJournal"/>), and <c>steps/{step}/clip.json</c>,
/// what the chain delivered (backend, attempts, cost) with the SHA-256 and size of the clip and, in copy mode, its
/// <see cref="StoredClipIndex"/>, written just before the clip is stored. A redelivered command that finds the clip
/// stored and matching that hash reuses it without rendering; compose reads the index from it (<see cref="ForShot"/>).
/// </summary>
public sealed class RenderJournal(IAssetStore store, Guid videoId, string step) : IRenderJournal
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The render step of shot <paramref name="shotId"/> in round <paramref name="attempt"/>: its step record's and journal's key.</summary>
    public static string StepKey(string shotId, int attempt) => $"render-{shotId}-a{attempt}";

    /// <summary>The journal of the render step that made <paramref name="shot"/> (its shot id and round), as compose looks it up.</summary>
    public static RenderJournal ForShot(IAssetStore store, Guid videoId, RenderedShot shot)
    {
        ArgumentNullException.ThrowIfNull(shot);
        return new RenderJournal(store, videoId, StepKey(shot.ShotId, shot.Attempt));
    }

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

    /// <summary>
    /// Records what the chain delivered in <paramref name="clipFile"/> and its index read in the render step (null: compose
    /// reads the clip itself), before the clip is stored (replacing a dead run's record). The index must describe
    /// exactly <paramref name="clipFile"/> (made or checked against it by the caller): its hash is recorded as the clip's.
    /// </summary>
    public async Task RecordClipAsync(RenderedShot shot, string clipFile, StoredClipIndex? index, CancellationToken cancellationToken)
    {
        // An index is made or checked against these very bytes just before: its hash is the clip's, read once.
        var (sha256, size) = index is not null ? (index.Sha256, index.SizeBytes) : await ClipDigest.OfAsync(clipFile, cancellationToken);
        var record = new ClipRecord(shot with { AssetUri = "" }, sha256, size) { Index = index };
        await store.PutBytesAsync(videoId, ClipRecordName, JsonSerializer.SerializeToUtf8Bytes(record, Json), cancellationToken);
    }

    /// <summary>
    /// The clip index the step recorded, or null (no record, a record from before indexes were kept, re-encode mode).
    /// It names the bytes it describes: check it against the clip (<see cref="StoredClipIndex.DescribesAsync"/>) before use.
    /// </summary>
    public async Task<StoredClipIndex?> StoredIndexAsync(CancellationToken cancellationToken) =>
        (await ReadAsync<ClipRecord>(ClipRecordName, cancellationToken))?.Index;

    /// <summary>
    /// The shot as an earlier run delivered it, when its clip is stored under <paramref name="clipName"/> with the bytes
    /// that run recorded; null when there is no record, no clip, or other bytes (then the shot is rendered again).
    /// </summary>
    public async Task<RenderedShot?> StoredClipAsync(string clipName, CancellationToken cancellationToken)
    {
        if (await ReadAsync<ClipRecord>(ClipRecordName, cancellationToken) is not { } record
            || await store.FindAsync(videoId, clipName, cancellationToken) is not { } uri)
            return null;
        var (sha256, size) = await ClipDigest.OfAsync(await store.GetLocalFileAsync(uri, cancellationToken), cancellationToken);
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

    private sealed record ClipRecord(RenderedShot Shot, string Sha256, long SizeBytes)
    {
        public StoredClipIndex? Index { get; init; }
    }
}
