using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>
/// The Gemini API's Veo contract (providers.md 2.1, 2.7): <c>POST /v1beta/models/{model}:predictLongRunning</c> checks
/// the <c>x-goog-api-key</c> header (401 missing, 403 wrong) and the per-model enums (400 INVALID_ARGUMENT in Google's
/// <c>{error:{code,message,status}}</c> shape, Vertex-only fields refused); the operation stays <c>done:false</c> for
/// <see cref="PendingPolls"/> polls, then ends in a sample whose <c>video.uri</c> points back at this stub's https
/// file download (which wants the key too), a safety-filtered answer, or an operation error.
/// </summary>
public sealed class VeoStub : IAsyncDisposable
{
    public const string Key = "stub-gemini-key";

    private static readonly string[] VertexOnly = ["seed", "generateAudio", "fps", "outputGcsUri", "compressionQuality", "pubsubTopic", "labels", "mask", "resizeMode"];
    private static readonly string[] Models = ["veo-3.0-generate-001", "veo-3.0-fast-generate-001", "veo-3.1-generate-preview", "veo-3.1-fast-generate-preview"];
    private readonly ConcurrentDictionary<string, (int Seconds, int Polls)> _operations = new();

    private VeoStub()
    {
    }

    public StubHost Host { get; private set; } = null!;

    public StubFaults Faults { get; } = new();

    public StubEnding Ending { get; set; } = StubEnding.Succeed;

    public StubOutput Output { get; set; } = StubOutput.Valid;

    /// <summary>Polls answered <c>done:false</c> before the operation ends.</summary>
    public int PendingPolls { get; set; } = 1;

    /// <summary>Every accepted submit body, in order.</summary>
    public ConcurrentQueue<JsonObject> Submitted { get; } = new();

    public static async Task<VeoStub> StartAsync()
    {
        var stub = new VeoStub();
        stub.Host = await StubHost.StartAsync(app =>
        {
            app.MapPost("/v1beta/models/{modelAction}", stub.SubmitAsync);
            app.MapGet("/v1beta/models/{model}/operations/{id}", stub.PollAsync);
            app.MapGet("/v1beta/files/{fileAction}", stub.DownloadAsync);
        });
        return stub;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private async Task<IResult> SubmitAsync(HttpContext http, string modelAction)
    {
        if (await Guard(http, "submit") is { } refused)
            return refused;
        var parts = modelAction.Split(':');
        if (parts.Length != 2 || parts[1] != "predictLongRunning" || !Models.Contains(parts[0]))
            return Error(404, $"models/{modelAction} is not found for API version v1beta.");
        var model = parts[0];
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject;
        var prompt = body?["instances"]?[0]?["prompt"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(prompt))
            return Error(400, "instances[0].prompt is required.");
        var p = body!["parameters"] as JsonObject ?? [];
        if (VertexOnly.FirstOrDefault(p.ContainsKey) is { } vertex)
            return Error(400, $"{vertex} parameter is not supported in Gemini API.");
        var aspect = p["aspectRatio"]?.GetValue<string>() ?? "16:9";
        var resolution = p["resolution"]?.GetValue<string>() ?? "720p";
        var seconds = p["durationSeconds"]?.GetValue<int>() ?? 8;
        var is31 = model.StartsWith("veo-3.1", StringComparison.Ordinal);
        if (aspect is not ("16:9" or "9:16"))
            return Error(400, $"aspectRatio '{aspect}' is not supported; use 16:9 or 9:16.");
        if (resolution is not ("720p" or "1080p") && !(is31 && resolution == "4k"))
            return Error(400, $"resolution '{resolution}' is not supported.");
        int[] allowed = !is31 || resolution != "720p" ? [8] : [4, 6, 8];
        if (!allowed.Contains(seconds))
            return Error(400, $"durationSeconds {seconds} is out of bound for {model}; allowed: {string.Join(", ", allowed)}.");
        Submitted.Enqueue(body);
        var id = Guid.NewGuid().ToString("N")[..12];
        _operations[id] = (seconds, 0);
        return Results.Json(new JsonObject { ["name"] = $"models/{model}/operations/{id}" });
    }

    private async Task<IResult> PollAsync(HttpContext http, string model, string id)
    {
        if (await Guard(http, "poll") is { } refused)
            return refused;
        if (!_operations.TryGetValue(id, out var op))
            return Error(404, $"Operation {id} not found.");
        _operations[id] = (op.Seconds, op.Polls + 1);
        var name = $"models/{model}/operations/{id}";
        if (op.Polls < PendingPolls)
            return Results.Json(new JsonObject { ["name"] = name, ["done"] = false });
        return Results.Json(Ending switch
        {
            StubEnding.Refuse => new JsonObject
            {
                ["name"] = name,
                ["done"] = true,
                ["response"] = new JsonObject
                {
                    ["@type"] = "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
                    ["generateVideoResponse"] = new JsonObject
                    {
                        ["raiMediaFilteredCount"] = 1,
                        ["raiMediaFilteredReasons"] = new JsonArray("The prompt could not be submitted: it may violate our policies."),
                    },
                },
            },
            StubEnding.Fail => new JsonObject { ["name"] = name, ["done"] = true, ["error"] = new JsonObject { ["code"] = 13, ["message"] = "Internal error while generating." } },
            _ => new JsonObject
            {
                ["name"] = name,
                ["done"] = true,
                ["response"] = new JsonObject
                {
                    ["@type"] = "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
                    ["generateVideoResponse"] = new JsonObject
                    {
                        ["generatedSamples"] = new JsonArray(new JsonObject
                        {
                            ["video"] = new JsonObject { ["uri"] = $"{Host.DownloadBase}v1beta/files/{id}:download?alt=media" },
                        }),
                    },
                },
            },
        });
    }

    private async Task<IResult> DownloadAsync(HttpContext http, string fileAction)
    {
        if (await Guard(http, "download") is { } refused)
            return refused;
        var id = fileAction.Split(':')[0];
        if (!_operations.TryGetValue(id, out var op) || Output == StubOutput.Expired)
            return Error(404, $"File {id} not found.");
        return Results.Bytes(StubOutputs.Bytes(Output, op.Seconds)!, "video/mp4");
    }

    /// <summary>Fault injection first, then the key: 401 when it is missing, 403 when it is wrong.</summary>
    private async Task<IResult?> Guard(HttpContext http, string route)
    {
        if (await Faults.OnCallAsync(route, http.RequestAborted) is { } fault)
        {
            if (fault.RetryAfterSeconds is { } after)
                http.Response.Headers.RetryAfter = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Error(fault.Status, fault.Status == 429 ? "Resource has been exhausted (e.g. check quota)." : "The service is currently unavailable.");
        }

        var key = http.Request.Headers["x-goog-api-key"].ToString();
        if (key.Length == 0)
            return Error(401, "Method doesn't allow unregistered callers. Please use API Key or other form of API consumer identity to call this API.");
        return key == Key ? null : Error(403, "API key not valid. Please pass a valid API key.");
    }

    private static IResult Error(int code, string message) => Results.Json(
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["status"] = code switch
                {
                    400 => "INVALID_ARGUMENT",
                    401 => "UNAUTHENTICATED",
                    403 => "PERMISSION_DENIED",
                    404 => "NOT_FOUND",
                    429 => "RESOURCE_EXHAUSTED",
                    503 => "UNAVAILABLE",
                    _ => "INTERNAL",
                },
            },
        },
        statusCode: code);
}
