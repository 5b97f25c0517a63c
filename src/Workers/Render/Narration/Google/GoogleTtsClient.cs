using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Narration.Google;

/// <summary>
/// One call of Cloud Text-to-Speech's REST API: <c>POST /v1/text:synthesize</c> with the key in <c>X-Goog-Api-Key</c>,
/// input text, voice (language code and optional name), and audio config (LINEAR16, speaking rate); the answer's
/// <c>audioContent</c> is a base64 WAV. Errors carry Google's <c>error.status</c>: INVALID_ARGUMENT (a voice or
/// language it does not have, a text too long) is the request's fault and not retried; RESOURCE_EXHAUSTED (429) and
/// 5xx are retried by the pipeline and, if they last, are retryable step failures.
/// </summary>
public sealed class GoogleTtsClient(HttpClient http, IOptions<GoogleTtsOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<byte[]> SynthesizeAsync(string text, VideoRequest request, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var voice = request.Voice ?? (string.IsNullOrWhiteSpace(o.DefaultVoice) ? null : o.DefaultVoice);
        var body = new SynthesizeRequest(
            new SynthesisInput(text),
            new VoiceSelection(request.Language, voice),
            new AudioConfig("LINEAR16", Math.Clamp(request.SpeechRate, 0.25, 4.0), o.SampleRateHertz));
        using var message = new HttpRequestMessage(HttpMethod.Post, "v1/text:synthesize") { Content = JsonContent.Create(body, options: Json) };
        message.Headers.Add("X-Goog-Api-Key", o.ApiKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new StepException(VideoStages.Render, "tts_unavailable", "Cloud Text-to-Speech could not be reached; the narration will be tried again.", retryable: true, ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var answer = await response.Content.ReadFromJsonAsync<SynthesizeResponse>(Json, cancellationToken);
                return answer?.AudioContent is { Length: > 0 } audio
                    ? Convert.FromBase64String(audio)
                    : throw new StepException(VideoStages.Render, "tts_failed", "Cloud Text-to-Speech answered without audio.", retryable: true);
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            throw response.StatusCode switch
            {
                HttpStatusCode.BadRequest => new StepException(VideoStages.Render, "tts_rejected",
                    $"Cloud Text-to-Speech refused the narration: {error} Choose another voice or language.", retryable: false),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new StepException(VideoStages.Render, "tts_unauthorized",
                    $"Cloud Text-to-Speech refused the key (Providers:TextToSpeech:ApiKey): {error}", retryable: false),
                _ => new StepException(VideoStages.Render, "tts_unavailable",
                    $"Cloud Text-to-Speech answered {(int)response.StatusCode}: {error}", retryable: true),
            };
        }
    }

    /// <summary>Google's error body: <c>{"error":{"code","message","status"}}</c>, as "STATUS: message".</summary>
    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ErrorBody>(Json, cancellationToken);
            return body?.Error is { } e ? $"{e.Status}: {e.Message}".Trim() : $"HTTP {(int)response.StatusCode}.";
        }
        catch (JsonException)
        {
            return $"HTTP {(int)response.StatusCode}.";
        }
    }

    private sealed record SynthesizeRequest(SynthesisInput Input, VoiceSelection Voice, AudioConfig AudioConfig);

    private sealed record SynthesisInput(string Text);

    private sealed record VoiceSelection(string LanguageCode, string? Name);

    private sealed record AudioConfig(string AudioEncoding, double SpeakingRate, int SampleRateHertz);

    private sealed record SynthesizeResponse(string? AudioContent);

    private sealed record ErrorBody(ErrorDetail? Error);

    private sealed record ErrorDetail(int Code, string? Message, string? Status);
}
