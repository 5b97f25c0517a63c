using System.Text.Json;
using AiProd.Providers.Http;

namespace AiProd.Providers.Gemini;

/// <summary>
/// How Gemini's answers become <see cref="ProviderException"/>s: one pure mapping for HTTP errors (after the
/// resilience pipeline has spent its retries) and one for a 200 whose content cannot be used. Content-safety
/// refusals are final: retrying the same prompt gets the same refusal.
/// </summary>
public static class GeminiFailures
{
    public const string Provider = "gemini";

    /// <summary>Finish reasons that mean the model refused on policy grounds.</summary>
    public static readonly IReadOnlySet<string> RefusalReasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION",
    };

    /// <summary>An HTTP error status with Google's <c>{error:{code,message,status}}</c> body (or anything else).</summary>
    public static ProviderException FromHttp(int status, string body)
    {
        var (message, googleStatus) = ReadError(body);
        var detail = googleStatus is null ? message : $"{googleStatus}: {message}";
        return status switch
        {
            400 or 404 or 413 => new ProviderException(Provider, "invalid_request", $"the request was rejected ({status} {detail})", retryable: false, status),
            401 or 403 => new ProviderException(Provider, "unauthorized", $"the API key was refused ({status} {detail}); check Providers:Gemini:ApiKey", retryable: false, status),
            408 => new ProviderException(Provider, "timeout", $"the request timed out at the provider ({detail})", retryable: true, status),
            429 => new ProviderException(Provider, "rate_limited", $"still rate limited after the retries ({detail})", retryable: true, status),
            >= 500 => new ProviderException(Provider, "provider_error", $"the service failed ({status} {detail})", retryable: true, status),
            _ => new ProviderException(Provider, "provider_error", $"unexpected status {status} ({detail})", retryable: false, status),
        };
    }

    /// <summary>The JSON text of the first candidate, or why there is none that can be used.</summary>
    public static string TextOf(GenerateContentResponse response)
    {
        if (response.PromptFeedback?.BlockReason is { Length: > 0 } blocked)
            throw new ProviderException(Provider, "content_refused", $"the prompt was blocked ({blocked})", retryable: false, 200);
        var candidate = response.Candidates is { Count: > 0 } candidates
            ? candidates[0]
            : throw new ProviderException(Provider, "malformed_response", "the answer has no candidates", retryable: true, 200);
        var reason = candidate.FinishReason ?? "STOP";
        if (RefusalReasons.Contains(reason))
            throw new ProviderException(Provider, "content_refused", $"the answer was withheld (finishReason {reason})", retryable: false, 200);
        if (reason == "MAX_TOKENS")
            throw new ProviderException(Provider, "truncated", "the answer hit the output token limit (finishReason MAX_TOKENS); raise Providers:Gemini:MaxOutputTokens", retryable: false, 200);
        if (reason is not ("STOP" or "FINISH_REASON_UNSPECIFIED"))
            throw new ProviderException(Provider, "malformed_response", $"the answer ended with finishReason {reason}", retryable: true, 200);
        var text = string.Concat((candidate.Content?.Parts ?? []).Select(p => p.Text));
        return string.IsNullOrWhiteSpace(text)
            ? throw new ProviderException(Provider, "malformed_response", "the answer has no text", retryable: true, 200)
            : text;
    }

    /// <summary>Parses the answer text and checks it against the schema that was asked for.</summary>
    public static JsonElement ParseAgainst(string text, Schema schema)
    {
        JsonElement value;
        try
        {
            using var doc = JsonDocument.Parse(text);
            value = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ProviderException(Provider, "malformed_response", $"the answer is not JSON ({ex.Message})", retryable: true, 200, ex);
        }

        var problems = SchemaCheck.Problems(value, schema);
        return problems.Count == 0
            ? value
            : throw new ProviderException(Provider, "malformed_response", $"the answer does not match its schema: {string.Join("; ", problems.Take(5))}", retryable: true, 200);
    }

    private static (string Message, string? Status) ReadError(string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<GoogleErrorBody>(body, GeminiJson.Options)?.Error;
            if (error?.Message is { Length: > 0 } message)
                return (message, error.Status);
        }
        catch (JsonException)
        {
            // Not Google's shape (a proxy's HTML page, say): quote the start of it instead.
        }

        var text = body.Trim();
        return (text.Length == 0 ? "no body" : text.Length > 200 ? text[..200] + "…" : text, null);
    }
}
