using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>
/// Cloud Text-to-Speech's <c>POST /v1/text:synthesize</c> as documented: the API key (X-Goog-Api-Key or ?key=) or 403
/// PERMISSION_DENIED; a JSON body with <c>input.text</c> (at most 5,000 bytes), <c>voice.languageCode</c> (a voice of
/// that language must exist; a named voice must exist and speak it) and <c>audioConfig.audioEncoding</c> (LINEAR16, MP3,
/// OGG_OPUS, MULAW, ALAW) with <c>speakingRate</c> 0.25–4.0, else 400 INVALID_ARGUMENT with Google's error body;
/// faults (429 RESOURCE_EXHAUSTED, 5xx) from <see cref="Faults"/>. Answers <c>audioContent</c>: a base64 LINEAR16 WAV
/// of a tone whose length follows the text at the speaking rate.
/// </summary>
public sealed class TextToSpeechStub : IAsyncDisposable
{
    public const string Key = "stub-tts-key";

    private static readonly Dictionary<string, string> Voices = new(StringComparer.Ordinal)
    {
        ["en-US-Neural2-C"] = "en-US",
        ["en-GB-Standard-A"] = "en-GB",
        ["fr-FR-Neural2-A"] = "fr-FR",
    };

    private TextToSpeechStub()
    {
    }

    public StubHost Host { get; private set; } = null!;

    public StubFaults Faults { get; } = new();

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public static async Task<TextToSpeechStub> StartAsync()
    {
        var stub = new TextToSpeechStub();
        stub.Host = await StubHost.StartAsync(app => app.MapPost("/v1/text:synthesize", (Delegate)stub.SynthesizeAsync));
        return stub;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private async Task<IResult> SynthesizeAsync(HttpContext http)
    {
        var key = http.Request.Headers["X-Goog-Api-Key"].FirstOrDefault() ?? http.Request.Query["key"].FirstOrDefault();
        if (key != Key)
            return Error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
        if (await Faults.OnCallAsync("synthesize", http.RequestAborted) is { } fault)
        {
            if (fault.RetryAfterSeconds is { } wait)
                http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return fault.Status == 429
                ? Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute'.")
                : Error(fault.Status, "UNAVAILABLE", "The service is currently unavailable.");
        }

        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return Error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
        }
        Requests.Enqueue(body);

        var text = body["input"]?["text"]?.GetValue<string>();
        if (string.IsNullOrEmpty(text))
            return Error(400, "INVALID_ARGUMENT", "Either `input.text` or `input.ssml` needs to be set.");
        if (Encoding.UTF8.GetByteCount(text) > 5000)
            return Error(400, "INVALID_ARGUMENT", "Either `input.text` or `input.ssml` is longer than the limit of 5000 bytes.");
        var language = body["voice"]?["languageCode"]?.GetValue<string>();
        if (string.IsNullOrEmpty(language))
            return Error(400, "INVALID_ARGUMENT", "Voice language code is required.");
        var name = body["voice"]?["name"]?.GetValue<string>();
        if (name is not null && (!Voices.TryGetValue(name, out var spoken) || !spoken.StartsWith(language, StringComparison.OrdinalIgnoreCase)))
            return Error(400, "INVALID_ARGUMENT", $"Voice '{name}' does not exist. Is it misspelled?");
        if (name is null && !Voices.Values.Any(v => v.StartsWith(language, StringComparison.OrdinalIgnoreCase)))
            return Error(400, "INVALID_ARGUMENT", $"Language Code '{language}' is not supported.");
        var encoding = body["audioConfig"]?["audioEncoding"]?.GetValue<string>();
        if (encoding is not ("LINEAR16" or "MP3" or "OGG_OPUS" or "MULAW" or "ALAW"))
            return Error(400, "INVALID_ARGUMENT", "Audio encoding is required and must be one of LINEAR16, MP3, OGG_OPUS, MULAW, ALAW.");
        var rate = body["audioConfig"]?["speakingRate"]?.GetValue<double>() ?? 1.0;
        if (rate is < 0.25 or > 4.0)
            return Error(400, "INVALID_ARGUMENT", "speaking_rate must be between 0.25 and 4.0.");
        var sampleRate = body["audioConfig"]?["sampleRateHertz"]?.GetValue<int>() ?? 24000;

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var seconds = Math.Max(0.4, words / 2.5 / rate);
        return Results.Json(new JsonObject { ["audioContent"] = Convert.ToBase64String(ToneWav(seconds, sampleRate)) });
    }

    private static IResult Error(int code, string status, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status } }, statusCode: code);

    /// <summary>A mono 16-bit PCM WAV of a 220 Hz tone, at about -20 dBFS.</summary>
    private static byte[] ToneWav(double seconds, int sampleRate)
    {
        var samples = (int)(seconds * sampleRate);
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8);
        w.Write(36 + samples * 2);
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(sampleRate);
        w.Write(sampleRate * 2);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(samples * 2);
        for (var i = 0; i < samples; i++)
            w.Write((short)(3000 * Math.Sin(2 * Math.PI * 220 * i / sampleRate)));
        w.Flush();
        return stream.ToArray();
    }
}
