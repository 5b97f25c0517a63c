using System.Text.Json;
using AiProd.Assets;

namespace AiProd.Workers.Common;

/// <summary>
/// Makes an expensive step idempotent on (video, step, attempt): its result is stored beside its output, and a
/// redelivered command gets the stored result instead of doing the work (and paying for it) again.
/// The output is stored before the record, so a record always points at an output that exists; the record is
/// written create-only, so the first result of a step is the one that stands.
/// </summary>
public static class StepRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> RunOnceAsync<T>(
        IAssetStore store,
        Guid videoId,
        string key,
        Func<Task<T>> work,
        CancellationToken cancellationToken)
    {
        var name = $"steps/{key}.json";
        if (await ReadAsync<T>(store, videoId, name, cancellationToken) is { } done)
            return done;

        var result = await work();
        try
        {
            // Create-only: a record, once written, is what the step did (and what was paid for); nothing replaces it.
            await store.PutBytesAsync(videoId, name, JsonSerializer.SerializeToUtf8Bytes(result, Json), AssetPutOptions.CreateOnly, cancellationToken);
            return result;
        }
        catch (AssetConflictException)
        {
            // Another worker ran the same step at the same time and recorded first: its result is the step's.
            return await ReadAsync<T>(store, videoId, name, cancellationToken) ?? result;
        }
    }

    private static async Task<T?> ReadAsync<T>(IAssetStore store, Guid videoId, string name, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(videoId, name, cancellationToken) is not { } existing)
            return default;
        await using var stream = await store.OpenReadAsync(existing, cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
    }
}
