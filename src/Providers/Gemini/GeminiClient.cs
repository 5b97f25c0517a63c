using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using AiProd.Providers.Caching;
using AiProd.Providers.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace AiProd.Providers.Gemini;

/// <summary>
/// <c>POST /v1beta/models/{model}:generateContent</c> for JSON answers. The typed HttpClient runs through the shared
/// resilience pipeline (<see cref="ProviderHttpClientRegistration"/>); this class adds the key header, the answer
/// cache, and turns every way a call can go wrong into a <see cref="ProviderException"/> with a stable code.
/// </summary>
public sealed class GeminiClient(HttpClient http, IOptions<GeminiOptions> options, GeminiCaches caches, ILogger<GeminiClient> logger)
{
    private const string KeyHeader = "x-goog-api-key";

    /// <summary>
    /// Sends <paramref name="request"/> (which must ask for JSON with a response schema) and returns the answer,
    /// already checked against that schema. Identical requests within the cache duration are answered from the cache.
    /// <paramref name="purpose"/> ("direction", "semantic-qa") only labels the logs.
    /// </summary>
    public Task<JsonElement> GenerateJsonAsync(string purpose, GenerateContentRequest request, CancellationToken cancellationToken) =>
        GenerateAsync(purpose, request, json => json, cancellationToken);

    /// <summary>
    /// Like <see cref="GenerateJsonAsync"/>, and <paramref name="read"/> turns the answer into the caller's result.
    /// It runs before the answer is cached, so an answer the caller cannot use (it throws) is never reused.
    /// </summary>
    public async Task<T> GenerateAsync<T>(string purpose, GenerateContentRequest request, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(request);
        var schema = request.GenerationConfig?.ResponseSchema
            ?? throw new ArgumentException("A JSON answer needs generationConfig.responseSchema.", nameof(request));
        var o = options.Value;
        if (!o.HasKey)
            throw new ProviderException(GeminiFailures.Provider, "unauthorized", "no API key: set Providers:Gemini:ApiKey or GEMINI_API_KEY", retryable: false);

        var body = JsonSerializer.SerializeToUtf8Bytes(request, GeminiJson.Options);
        var key = ContentHash.Of([body], o.Model);
        var text = await caches.Responses.GetOrCreateAsync(
            key,
            async ct =>
            {
                var answer = await SendAsync(purpose, body, ct);
                read(GeminiFailures.ParseAgainst(answer, schema));
                return answer;
            },
            cancellationToken);
        var stats = caches.Responses.Snapshot();
        logger.LogDebug("Gemini answer cache: {Hits} hits, {Misses} misses, {Entries}/{Capacity} entries", stats.Hits, stats.Misses, stats.Entries, stats.Capacity);
        return read(GeminiFailures.ParseAgainst(text, schema));
    }

    private async Task<string> SendAsync(string purpose, byte[] body, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var message = new HttpRequestMessage(HttpMethod.Post, $"v1beta/models/{o.Model}:generateContent")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        message.Headers.TryAddWithoutValidation(KeyHeader, o.ApiKey);

        var started = Stopwatch.GetTimestamp();
        using var response = await SendThroughPipelineAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            var failure = GeminiFailures.FromHttp((int)response.StatusCode, text);
            logger.LogWarning("Gemini {Purpose} on {Model} failed after {ElapsedMs} ms: {Code} ({Status})", purpose, o.Model, elapsed, failure.Code, (int)response.StatusCode);
            throw failure;
        }

        GenerateContentResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<GenerateContentResponse>(text, GeminiJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ProviderException(GeminiFailures.Provider, "malformed_response", $"the response body is not generateContent JSON ({ex.Message})", retryable: true, 200, ex);
        }

        var answer = GeminiFailures.TextOf(parsed ?? new GenerateContentResponse());
        logger.LogInformation(
            "Gemini {Purpose} on {Model} answered in {ElapsedMs} ms ({PromptTokens} prompt + {AnswerTokens} answer tokens)",
            purpose, parsed?.ModelVersion ?? o.Model, elapsed, parsed?.UsageMetadata?.PromptTokenCount, parsed?.UsageMetadata?.CandidatesTokenCount);
        return answer;
    }

    /// <summary>What the resilience pipeline throws when it gives up, as provider failures.</summary>
    private async Task<HttpResponseMessage> SendThroughPipelineAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(message, cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ProviderException(GeminiFailures.Provider, "circuit_open", "too many recent failures; calls are paused until the circuit breaker lets one through", retryable: true, inner: ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ProviderException(GeminiFailures.Provider, "timeout", $"no answer within {ex.Timeout}", retryable: true, inner: ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            throw new ProviderException(GeminiFailures.Provider, "rate_limited", "the local rate limiter refused the call", retryable: true, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException(GeminiFailures.Provider, "unreachable", $"could not reach {http.BaseAddress?.Host}: {ex.Message}", retryable: true, inner: ex);
        }
    }
}
