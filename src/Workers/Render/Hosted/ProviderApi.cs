using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiProd.Providers.Http;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace AiProd.Workers.Render.Hosted;

/// <summary>
/// One JSON call through a provider's resilient HttpClient, with every way it can fail turned into a
/// <see cref="ProviderException"/>: the provider's status and error body (Google <c>{error:{code,message,status}}</c>,
/// Runway <c>{error, issues[]}</c>, Replicate RFC 7807 problem details), or the pipeline giving up (breaker open,
/// timeout, rate limiter) once its retries are spent.
/// </summary>
internal static class ProviderApi
{
    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>Sends, and expects a JSON object back (a job's status); anything else is a retryable <c>malformed_response</c>.</summary>
    public static async Task<JsonObject> SendForObjectAsync(HttpClient http, string provider, HttpRequestMessage request, string what,
        CancellationToken cancellationToken) =>
        await SendAsync(http, provider, request, cancellationToken) as JsonObject
        ?? throw new ProviderException(provider, "malformed_response", $"the {what} answer is not a JSON object", true);

    /// <summary>Sends <paramref name="request"/> and returns the JSON body of a 2xx answer (null when it had none).</summary>
    public static async Task<JsonNode?> SendAsync(HttpClient http, string provider, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ProviderException(provider, "circuit_open", "too many recent failures; calls are paused (circuit breaker open)", true, null, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ProviderException(provider, "provider_timeout", "the call timed out", true, null, ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            throw new ProviderException(provider, "rate_limited", "the local rate limiter rejected the call", true, null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException(provider, "provider_unreachable", $"the call failed: {ex.Message}", true, null, ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? body = null;
            try
            {
                body = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException) when (!response.IsSuccessStatusCode)
            {
                // An error page that is not JSON: the status says enough.
            }
            catch (JsonException ex)
            {
                throw new ProviderException(provider, "malformed_response", $"the answer is not JSON: {ex.Message}", true, (int)response.StatusCode, ex);
            }

            if (response.IsSuccessStatusCode)
                return body;
            throw Error(provider, response.StatusCode, body);
        }
    }

    /// <summary>The exception for an error answer: a stable code by status (and body), the provider's own words as the message.</summary>
    internal static ProviderException Error(string provider, HttpStatusCode status, JsonNode? body)
    {
        var code = (int)status;
        var text = ErrorText(body) ?? $"HTTP {code}";
        var message = $"HTTP {code}: {text}";
        if (text.Contains("enough credits", StringComparison.OrdinalIgnoreCase) || code == 402)
            return new ProviderException(provider, "insufficient_credits", message, false, code);
        return code switch
        {
            400 or 422 => new ProviderException(provider, "invalid_request", message, false, code),
            401 or 403 => new ProviderException(provider, "unauthorized", message, false, code),
            404 => new ProviderException(provider, "not_found", message, false, code),
            408 => new ProviderException(provider, "provider_timeout", message, true, code),
            429 => new ProviderException(provider, "rate_limited", message, true, code),
            >= 500 => new ProviderException(provider, "provider_error", message, true, code),
            _ => new ProviderException(provider, "provider_error", message, false, code),
        };
    }

    /// <summary>The human part of the three error shapes the providers use.</summary>
    internal static string? ErrorText(JsonNode? body)
    {
        if (body is not JsonObject o)
            return null;
        if (o["error"] is JsonObject google)
            return $"{Str(google["status"])} {Str(google["message"])}".Trim();
        var parts = new List<string?> { Str(o["error"]), Str(o["title"]), Str(o["detail"]) };
        if (o["issues"] is JsonArray issues)
            parts.AddRange(issues.Select(i => $"{Str(i?["path"] is JsonArray p ? string.Join('.', p) : i?["path"])}: {Str(i?["message"])}"));
        var text = string.Join("; ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return text.Length == 0 ? null : text;
    }

    internal static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();

    internal static double? Num(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
}
