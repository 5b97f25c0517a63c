using System.Text.Json;
using System.Text.Unicode;
using AiProd.Contracts;
using Microsoft.Net.Http.Headers;

namespace AiProd.Gateway.Input;

/// <summary>
/// Reads the body of <c>POST /v1/videos</c> by hand: the media type and charset, the bytes (size, truncation, a client
/// that stalls), the JSON and each field's type. Every refusal names what was wrong in words of its own, never a
/// parser's message (which would name .NET types).
/// </summary>
public static class VideoRequestBody
{
    /// <summary>Largest accepted request body: a prompt of 2,000 characters fits many times over.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>How long the whole body may take to arrive, however it trickles in.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private const string ContentTypeField = "Content-Type";
    private const string BodyField = "body";
    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    private static readonly string[] Fields = ["prompt", "durationSeconds", "aspectRatio", "resolution", "budgetUsd", "frameRate", "approval", "narration", "language", "voice", "speechRate", "burnSubtitles", "formats", "callbackUrl"];

    /// <summary>The video request and, apart from it (it never goes on the bus), the optional <c>callbackUrl</c>.</summary>
    public static Task<(VideoSubmissionBody? Submission, IResult? Problem)> ReadAsync(HttpRequest http, CancellationToken cancellationToken) =>
        ReadAsync(http, Parse, cancellationToken);

    /// <summary>Reads a JSON body with the same checks (media type, size, stalls, UTF-8, JSON) and hands its root to <paramref name="parse"/>.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest http, Func<JsonElement, (T?, IResult?)> parse, CancellationToken cancellationToken)
        where T : class
    {
        if (ContentTypeProblem(http.ContentType) is { } unsupported)
            return (null, unsupported);

        var (bytes, problem) = await ReadBytesAsync(http, cancellationToken);
        if (problem is not null)
            return (null, problem);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Json);
        }
        catch (JsonException e)
        {
            return (null, Problems.Field(BodyField,
                $"The body is not valid UTF-8 JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): send one JSON object, for example {{\"prompt\": \"…\"}}."));
        }

        using (document)
        {
            try
            {
                return parse(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // A string escape that is no text (a lone surrogate such as \ud800).
                return (null, Problems.Field(BodyField, "The body holds a string that is not valid Unicode text (a lone surrogate escape)."));
            }
        }
    }

    private static IResult? ContentTypeProblem(string? contentType)
    {
        const string expected = "Send the body as application/json (charset utf-8, or none).";
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var type))
            return Problems.Field(ContentTypeField, expected, "Send the request as application/json.", StatusCodes.Status415UnsupportedMediaType);
        var media = type.MediaType.Value ?? string.Empty;
        var json = media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (!json)
            return Problems.Field(ContentTypeField, $"'{Problems.Echo(media)}' is not JSON. {expected}", "Send the request as application/json.", StatusCodes.Status415UnsupportedMediaType);
        var charset = HeaderUtilities.RemoveQuotes(type.Charset).Value;
        if (!string.IsNullOrEmpty(charset) && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return Problems.Field(ContentTypeField, $"The charset '{Problems.Echo(charset)}' is not supported. {expected}", "Send the request as UTF-8 JSON.", StatusCodes.Status415UnsupportedMediaType);
        return null;
    }

    private static async Task<(byte[] Bytes, IResult? Problem)> ReadBytesAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var tooLarge = Problems.Field(BodyField, $"A video request must be at most {MaxBytes / 1024} KB; the prompt itself is limited to 2,000 characters.",
            "The request body is too large.", StatusCodes.Status413PayloadTooLarge);
        if (http.ContentLength > MaxBytes)
            return ([], tooLarge);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadTimeout);
        var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[8192];
            int read;
            while ((read = await http.Body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                    return ([], tooLarge);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], tooLarge);
        }
        catch (BadHttpRequestException)
        {
            // Kestrel: the body ended before its Content-Length, or arrived slower than MinRequestBodyDataRate.
            return ([], Truncated(http));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ([], Truncated(http));
        }

        if (buffer.Length == 0)
            return ([], Problems.Field(BodyField, "The body is empty: send a JSON object with at least a prompt."));
        var bytes = buffer.ToArray();
        if (!Utf8.IsValid(bytes))
            return ([], Problems.Field(BodyField, "The body is not valid UTF-8."));
        return (bytes, null);
    }

    private static IResult Truncated(HttpRequest http)
    {
        // Nothing more will be read from this connection: let Kestrel close it after the answer.
        http.HttpContext.Response.Headers.Connection = "close";
        return Problems.Field(BodyField, $"The body did not arrive: it ended before its Content-Length, or stalled (the whole body must arrive within {ReadTimeout.TotalSeconds:0} s).",
            "The request body is incomplete.");
    }

    private static (VideoSubmissionBody?, IResult?) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return (null, Problems.Field(BodyField, $"The body must be a JSON object, not {Describe(root.ValueKind)}."));

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var field = Fields.FirstOrDefault(f => f.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (field is null)
                errors[Problems.Echo(property.Name)] = [$"Not a field of a video request; use {string.Join(", ", Fields)}."];
            else if (!seen.TryAdd(field, property.Value))
                errors[field] = ["Given more than once: send each field once."];
        }

        var defaults = new VideoRequest(string.Empty);
        var prompt = Text(seen, "prompt", errors) ?? string.Empty;
        var duration = Number(seen, "durationSeconds", errors, (JsonElement e, out double v) => e.TryGetDouble(out v) && double.IsFinite(v), "a number of seconds");
        var aspect = Text(seen, "aspectRatio", errors);
        var resolution = Text(seen, "resolution", errors);
        var budget = Number(seen, "budgetUsd", errors, (JsonElement e, out decimal v) => e.TryGetDecimal(out v), "an amount in USD, such as 5.00");
        var frameRate = Number(seen, "frameRate", errors, (JsonElement e, out int v) => e.TryGetInt32(out v), "a whole number of frames per second");
        var approval = seen.TryGetValue("approval", out var policy) ? ApprovalPolicyBody.Parse(policy, errors) : null;
        var narration = Flag(seen, "narration", errors);
        var language = Text(seen, "language", errors);
        var voice = Text(seen, "voice", errors);
        var speechRate = Number(seen, "speechRate", errors, (JsonElement e, out double v) => e.TryGetDouble(out v) && double.IsFinite(v), "a number such as 1.0");
        var burn = Flag(seen, "burnSubtitles", errors);
        var formats = Formats(seen, errors);
        var callback = Text(seen, "callbackUrl", errors);
        if (errors.Count > 0)
            return (null, Problems.Invalid(errors, "The video request is invalid."));
        // Without an aspectRatio, the first format is the one the plan is rendered in.
        aspect ??= formats is [var first, ..] ? first : null;
        return (new VideoSubmissionBody(new VideoRequest(prompt, duration ?? defaults.DurationSeconds, aspect ?? defaults.AspectRatio, resolution ?? defaults.Resolution,
            budget ?? defaults.BudgetUsd, frameRate ?? defaults.FrameRate)
        {
            Approval = approval,
            Narration = narration ?? defaults.Narration,
            Language = language ?? defaults.Language,
            Voice = voice,
            SpeechRate = speechRate ?? defaults.SpeechRate,
            BurnSubtitles = burn ?? defaults.BurnSubtitles,
            Formats = formats ?? [],
        }, callback), null);
    }

    /// <summary>An array of aspect-ratio strings (at most 8); which ratios are allowed is the sanitizer's rule.</summary>
    private static List<string>? Formats(Dictionary<string, JsonElement> fields, Dictionary<string, string[]> errors)
    {
        const string name = "formats";
        if (!fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.TryAdd(name, [$"Must be an array of aspect ratios such as [\"16:9\", \"9:16\", \"1:1\"], not {Describe(value.ValueKind)}."]);
            return null;
        }

        if (value.GetArrayLength() is 0 or > 8)
        {
            errors.TryAdd(name, ["List 1 to 3 aspect ratios, each once, such as [\"16:9\", \"9:16\", \"1:1\"]."]);
            return null;
        }

        var formats = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.TryAdd(name, [$"Every format must be a string such as \"9:16\", not {Describe(item.ValueKind)}."]);
                return null;
            }
            formats.Add(item.GetString()!);
        }

        return formats;
    }

    public delegate bool TryRead<T>(JsonElement element, out T value);

    /// <summary>
    /// The members of a JSON object, each known one once (names matched ignoring case); unknown and repeated ones
    /// are put in <paramref name="errors"/> under <paramref name="prefix"/> + name.
    /// </summary>
    public static Dictionary<string, JsonElement> Members(JsonElement root, IReadOnlyList<string> known, string prefix, Dictionary<string, string[]> errors, string what)
    {
        var seen = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var field = known.FirstOrDefault(f => f.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (field is null)
                errors[prefix + Problems.Echo(property.Name)] = [$"Not a field of {what}; use {string.Join(", ", known)}."];
            else if (!seen.TryAdd(field, property.Value))
                errors[prefix + field] = ["Given more than once: send each field once."];
        }

        return seen;
    }

    public static string? Text(Dictionary<string, JsonElement> fields, string name, Dictionary<string, string[]> errors, string prefix = "")
    {
        if (!fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        errors.TryAdd(prefix + name, [$"Must be a string, not {Describe(value.ValueKind)}."]);
        return null;
    }

    private static bool? Flag(Dictionary<string, JsonElement> fields, string name, Dictionary<string, string[]> errors)
    {
        if (!fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        errors.TryAdd(name, [$"Must be true or false, not {Describe(value.ValueKind)}."]);
        return null;
    }

    public static T? Number<T>(Dictionary<string, JsonElement> fields, string name, Dictionary<string, string[]> errors, TryRead<T> read, string what, string prefix = "")
        where T : struct
    {
        if (!fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.Number && read(value, out var number))
            return number;
        errors.TryAdd(prefix + name, [value.ValueKind == JsonValueKind.Number ? $"Must be {what}; this number is out of range or not of that kind." : $"Must be {what}, not {Describe(value.ValueKind)}."]);
        return null;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
