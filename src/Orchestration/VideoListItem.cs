using System.Text.Json;
using AiProd.Contracts;
using AiProd.Saga;

namespace AiProd.Orchestration;

/// <summary>
/// One video as a list shows it. The saga store keeps this as the video's summary, written with the document in the
/// same write (see <see cref="Summarize"/>), so a page of a list reads about 300 bytes a video instead of the whole
/// document (10 KiB or more) and maps nine fields instead of the saga.
/// </summary>
public sealed record VideoListItem(
    Guid Id,
    string State,
    string Stage,
    int ProgressPercent,
    string? Prompt,
    VideoError? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Owner,
    bool Narrated)
{
    /// <summary>The aspect ratios delivered, when more than one was asked for; null otherwise.</summary>
    public IReadOnlyList<string>? Formats { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static VideoListItem From(VideoStatus status) => new(
        status.Id, status.State, status.Stage, status.ProgressPercent, status.Request?.Prompt, status.Error, status.CreatedAt, status.UpdatedAt,
        status.Owner, status.Request is { Narration: true })
    {
        Formats = status.Request is { } request && Delivered(request) is { Count: > 1 } formats ? formats : null,
    };

    // The master's ratio first, then the other requested ones, each once (as delivery names them).
    private static List<string> Delivered(VideoRequest request) =>
        [.. new[] { request.AspectRatio }.Concat(request.Formats ?? []).Distinct(StringComparer.Ordinal)];

    /// <summary>The summary the store keeps for <paramref name="video"/>: the same status the API shows, cut to the list's fields.</summary>
    public static string Summarize(VideoState video) => JsonSerializer.Serialize(From(VideoStatusReader.ToStatus(video)), Json);

    /// <summary>A kept summary read back; one that is not this shape throws <see cref="JsonException"/>.</summary>
    public static VideoListItem Read(string summary) =>
        JsonSerializer.Deserialize<VideoListItem>(summary, Json) ?? throw new JsonException("A video summary read as null.");
}
