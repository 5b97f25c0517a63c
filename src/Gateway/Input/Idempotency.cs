using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiProd.Contracts;

namespace AiProd.Gateway.Input;

/// <summary>
/// <c>Idempotency-Key</c>: the same key from the same owner names the same video, so a retried POST starts it once;
/// the same key with a different request is refused rather than silently answered with the first video.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReusedCode = "idempotency_key_reused";
    public const int MaxLength = 255;

    /// <summary>
    /// The key sent, or null; or the problem with it (several values, empty, too long, not visible ASCII). A comma is
    /// refused too: two headers folded into one arrive as "a, b".
    /// </summary>
    public static (string? Key, IResult? Problem) Read(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue(Header, out var values))
            return (null, null);
        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > MaxLength || key.Any(c => c <= ' ' || c > '~' || c == ','))
            return (null, Problems.Field(Header, $"Send one {Header} of 1–{MaxLength} visible ASCII characters without commas (a UUID is a good choice)."));
        return (key, null);
    }

    /// <summary>
    /// The video id of (<paramref name="owner"/>, <paramref name="key"/>): keys of different owners never meet, and
    /// the id reveals neither.
    /// </summary>
    public static Guid IdFor(string? owner, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"aiprod-idempotency\n{owner}\n{key}"), hash);
        // Shaped as a version 4 UUID, like the random ids, so an id does not tell how it was made.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>SHA-256 (hex) of the request's canonical JSON: fields in one order, numbers in one spelling.</summary>
    public static string Fingerprint(VideoRequest request)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("aspectRatio", request.AspectRatio);
            json.WriteString("budgetUsd", (request.BudgetUsd / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
            json.WriteString("durationSeconds", request.DurationSeconds.ToString("R", CultureInfo.InvariantCulture));
            json.WriteNumber("frameRate", request.FrameRate);
            json.WriteString("prompt", request.Prompt);
            json.WriteString("resolution", request.Resolution);
            // Narration fields only when they differ from the defaults, so a request without them keeps its old fingerprint.
            var defaults = new VideoRequest(string.Empty);
            if (request.Narration != defaults.Narration)
                json.WriteBoolean("narration", request.Narration);
            if (request.Language != defaults.Language)
                json.WriteString("language", request.Language);
            if (request.Voice is not null)
                json.WriteString("voice", request.Voice);
            if (request.SpeechRate != defaults.SpeechRate)
                json.WriteString("speechRate", request.SpeechRate.ToString("R", CultureInfo.InvariantCulture));
            if (request.BurnSubtitles)
                json.WriteBoolean("burnSubtitles", true);
            if (request.Formats is { Count: > 0 } formats)
                json.WriteString("formats", string.Join(',', formats));
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    public static IResult Reused() => Results.ValidationProblem(
        new Dictionary<string, string[]> { [Header] = [$"This {Header} was already used for a different request; use a new key for a new video."] },
        title: "The idempotency key was reused for a different request.",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        extensions: new Dictionary<string, object?> { ["code"] = ReusedCode });
}
