using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiProd.Cli.Remote;

/// <summary>
/// The HTTP gateway as the remote commands (<c>loadtest</c>, <c>validate</c>, <c>status</c>, <c>list</c>, <c>watch</c>,
/// <c>batch</c>) use it: the key from <c>--api-key</c>, else <c>AIPROD_KEY</c>, sent as a bearer token.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;

    public GatewayClient(Uri baseAddress, string? apiKey, TimeSpan? timeout = null)
    {
        BaseAddress = baseAddress;
        ApiKey = apiKey ?? Environment.GetEnvironmentVariable("AIPROD_KEY");
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), MaxConnectionsPerServer = 256 })
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        if (!string.IsNullOrEmpty(ApiKey))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
    }

    public Uri BaseAddress { get; }

    public string? ApiKey { get; }

    public HttpClient Http => _http;

    /// <summary>POST /v1/videos: the new id (on 202), the status and the time the answer took.</summary>
    public async Task<Submission> SubmitAsync(object request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.PostAsJsonAsync("/v1/videos", request, cancellationToken);
        var latency = Stopwatch.GetElapsedTime(started);
        var body = await ReadJsonAsync(response, cancellationToken);
        Guid? id = response.StatusCode == HttpStatusCode.Accepted && body is { } b && b.TryGetProperty("id", out var idValue) ? idValue.GetGuid() : null;
        return new Submission(id, (int)response.StatusCode, latency, body, RetryAfter(response));
    }

    /// <summary>GET /v1/videos/{id}: the status document, or null with the HTTP status when there is none.</summary>
    public async Task<(int Status, JsonElement? Body, TimeSpan? RetryAfter)> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        return ((int)response.StatusCode, await ReadJsonAsync(response, cancellationToken), RetryAfter(response));
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}

/// <summary>The answer to one POST /v1/videos.</summary>
public sealed record Submission(Guid? VideoId, int Status, TimeSpan Latency, JsonElement? Body, TimeSpan? RetryAfter);
