using System.Text.Json;
using AiProd.Assets;

namespace AiProd.Workers.Common;

/// <summary>
/// Makes an expensive step idempotent on (video, step, attempt): its result is stored beside its output, and a
/// redelivered command gets the stored result instead of doing the work (and paying for it) again.
/// The output is stored before the record, so a record always points at an output that exists.
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
        if (await store.FindAsync(videoId, name, cancellationToken) is { } existing)
        {
            await using var stream = await store.OpenReadAsync(existing, cancellationToken);
            if (await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken) is { } done)
                return done;
        }

        var result = await work();
        await store.PutBytesAsync(videoId, name, JsonSerializer.SerializeToUtf8Bytes(result, Json), cancellationToken);
        return result;
    }
}
