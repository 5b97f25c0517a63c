using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>One request as the stub saw it: when (on the stub's clock), its status, and its body if it parsed.</summary>
public sealed record GeminiStubCall(TimeSpan At, int Status, JsonObject? Body, string? AnswerText);

/// <summary>
/// The Gemini generateContent API on loopback (in-process Kestrel, port 0), strict about the documented contract:
/// the <c>x-goog-api-key</c> header (401 missing, 403 wrong), the path and model, the JSON body
/// (<see cref="GeminiStubContract"/>, ~20 MB limit), with Google's error shape. It answers with JSON derived from the
/// request (<see cref="GeminiStubAnswers"/>) and injects faults queued by the test, one per request.
/// </summary>
public sealed class GeminiStub : IAsyncDisposable
{
    public const string DefaultKey = "stub-key-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<GeminiStubFault> _faults = new();
    private readonly ConcurrentQueue<GeminiStubCall> _calls = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private GeminiStub(WebApplication app, string key, IReadOnlySet<string> models)
    {
        _app = app;
        Key = key;
        Models = models;
    }

    public string Key { get; }

    public IReadOnlySet<string> Models { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request that reached the stub, including rejected ones.</summary>
    public IReadOnlyList<GeminiStubCall> Calls => [.. _calls];

    public int Requests => _calls.Count;

    /// <summary>A fault answered to every request while set (for the circuit breaker), after the queued ones.</summary>
    public GeminiStubFault? Always { get; set; }

    /// <summary>Caps every score the stub gives, to make semantic QA fail on purpose.</summary>
    public double? ScoreCeiling { get; set; }

    public TimeSpan Now => _clock.Elapsed;

    public static async Task<GeminiStub> StartAsync(string key = DefaultKey, params string[] models)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            // Kestrel lets a little more through so the stub itself can answer the oversize request the way Google does.
            k.Limits.MaxRequestBodySize = GeminiStubContract.MaxRequestBytes + (4 * 1024 * 1024);
        });
        var app = builder.Build();
        var stub = new GeminiStub(app, key, new HashSet<string>(models.Length == 0 ? ["gemini-2.5-flash"] : models, StringComparer.Ordinal));
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.BaseUrl = new Uri(address);
        return stub;
    }

    public void Enqueue(params GeminiStubFault[] faults)
    {
        foreach (var f in faults)
            _faults.Enqueue(f);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var (status, body, answer) = await AnswerAsync(http);
        _calls.Enqueue(new GeminiStubCall(_clock.Elapsed, status, body, answer));
    }

    private async Task<(int Status, JsonObject? Body, string? Answer)> AnswerAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        const string prefix = "/v1beta/models/", method = ":generateContent";
        if (!HttpMethods.IsPost(http.Request.Method) || !path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(method, StringComparison.Ordinal))
            return await ErrorAsync(http, 404, "NOT_FOUND", $"The requested URL {path} was not found on this server.");
        var model = path[prefix.Length..^method.Length];

        var key = http.Request.Headers["x-goog-api-key"].ToString() is { Length: > 0 } header ? header : http.Request.Query["key"].ToString();
        if (key.Length == 0)
            return await ErrorAsync(http, 401, "UNAUTHENTICATED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
        if (key != Key)
            return await ErrorAsync(http, 403, "PERMISSION_DENIED", "API key not valid. Please pass a valid API key.");
        if (!Models.Contains(model))
            return await ErrorAsync(http, 404, "NOT_FOUND", $"models/{model} is not found for API version v1beta, or is not supported for generateContent.");
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            return await ErrorAsync(http, 400, "INVALID_ARGUMENT", $"Invalid Content-Type {http.Request.ContentType}; expected application/json.");

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > GeminiStubContract.MaxRequestBytes)
            return await ErrorAsync(http, 400, "INVALID_ARGUMENT", $"Request payload size exceeds the limit: {GeminiStubContract.MaxRequestBytes} bytes.");
        JsonObject body;
        try
        {
            body = JsonNode.Parse(buffer.ToArray()) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            return await ErrorAsync(http, 400, "INVALID_ARGUMENT", $"Invalid JSON payload received. {ex.Message}");
        }

        if (GeminiStubContract.Problem(body) is { } problem)
            return await ErrorAsync(http, 400, "INVALID_ARGUMENT", problem, body);

        var fault = _faults.TryDequeue(out var queued) ? queued : Always;
        return await RespondAsync(http, body, model, fault);
    }

    private async Task<(int, JsonObject?, string?)> RespondAsync(HttpContext http, JsonObject body, string model, GeminiStubFault? fault)
    {
        switch (fault?.Kind)
        {
            case GeminiStubFault.Kinds.RateLimited:
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(fault.Delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return await ErrorAsync(http, 429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", body);
            case GeminiStubFault.Kinds.ServerError:
                return fault.Status == 500
                    ? await ErrorAsync(http, 500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", body)
                    : await ErrorAsync(http, fault.Status, "UNAVAILABLE", "The model is overloaded. Please try again later.", body);
            case GeminiStubFault.Kinds.PromptBlocked:
                return await JsonAsync(http, body, null, new JsonObject
                {
                    ["promptFeedback"] = new JsonObject { ["blockReason"] = fault.Reason, ["safetyRatings"] = Ratings(blocked: true) },
                    ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 120, ["totalTokenCount"] = 120 },
                    ["modelVersion"] = model,
                });
            case GeminiStubFault.Kinds.Slow:
                try
                {
                    await Task.Delay(fault.Delay, http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return (499, body, null);
                }

                break;
        }

        var answer = GeminiStubAnswers.For(body, ScoreCeiling).ToJsonString();
        var finish = "STOP";
        switch (fault?.Kind)
        {
            case GeminiStubFault.Kinds.Finish when fault.Reason == "MAX_TOKENS":
                (answer, finish) = (answer[..(answer.Length / 2)], "MAX_TOKENS");
                break;
            case GeminiStubFault.Kinds.Finish:
                return await JsonAsync(http, body, null, Candidate(null, fault.Reason!, model));
            case GeminiStubFault.Kinds.MalformedText:
                answer = "Sure! Here is the JSON you asked for: {" + answer[1..(answer.Length / 3)];
                break;
            case GeminiStubFault.Kinds.OffSchema:
                var node = JsonNode.Parse(answer)!.AsObject();
                node.Remove(node.First().Key);
                answer = node.ToJsonString();
                break;
            case GeminiStubFault.Kinds.Answer:
                answer = fault.Text!;
                break;
        }

        return await JsonAsync(http, body, answer, Candidate(answer, finish, model));
    }

    private static JsonObject Candidate(string? text, string finishReason, string model)
    {
        var candidate = new JsonObject { ["finishReason"] = finishReason, ["index"] = 0, ["safetyRatings"] = Ratings(blocked: finishReason == "SAFETY") };
        if (text is not null)
            candidate["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) };
        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 120, ["candidatesTokenCount"] = (text?.Length ?? 0) / 4, ["totalTokenCount"] = 120 + ((text?.Length ?? 0) / 4) },
            ["modelVersion"] = model,
            ["responseId"] = Guid.NewGuid().ToString("N")[..16],
        };
    }

    private static JsonArray Ratings(bool blocked) => new(new JsonObject
    {
        ["category"] = "HARM_CATEGORY_DANGEROUS_CONTENT",
        ["probability"] = blocked ? "HIGH" : "NEGLIGIBLE",
        ["blocked"] = blocked,
    });

    private static async Task<(int, JsonObject?, string?)> JsonAsync(HttpContext http, JsonObject body, string? answer, JsonObject response)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json; charset=UTF-8";
        await http.Response.WriteAsync(response.ToJsonString(), http.RequestAborted);
        return (200, body, answer);
    }

    private static async Task<(int, JsonObject?, string?)> ErrorAsync(HttpContext http, int status, string googleStatus, string message, JsonObject? body = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=UTF-8";
        var error = new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = googleStatus } };
        await http.Response.WriteAsync(error.ToJsonString(), http.RequestAborted);
        return (status, body, null);
    }
}
