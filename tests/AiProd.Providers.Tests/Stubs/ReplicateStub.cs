using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>
/// Replicate's prediction contract (providers.md 2.4, 2.7): bearer auth (401 problem details);
/// <c>POST /v1/models/{owner}/{name}/predictions</c> validates Wan 2.5's input (422 RFC 7807 for a bad size or
/// duration), answers 201 <c>starting</c> at once or, with <c>Prefer: wait=N</c>, holds the call until the prediction
/// ends or N seconds pass; polls move starting → processing (logs grow) → succeeded with an output URL, or failed with
/// <c>error</c>; <c>/cancel</c> cancels. Outputs are deleted <see cref="OutputTtl"/> after the prediction completes.
/// </summary>
public sealed class ReplicateStub : IAsyncDisposable
{
    public const string Key = "stub-replicate-token";

    private static readonly string[] Sizes = ["832*480", "480*832", "1280*720", "720*1280", "1920*1080", "1080*1920"];
    private readonly ConcurrentDictionary<string, Prediction> _predictions = new();

    private ReplicateStub()
    {
    }

    public StubHost Host { get; private set; } = null!;

    public StubFaults Faults { get; } = new();

    public StubEnding Ending { get; set; } = StubEnding.Succeed;

    public StubOutput Output { get; set; } = StubOutput.Valid;

    /// <summary>Polls a prediction spends starting and processing before it ends (a held create counts as one).</summary>
    public int ProcessingPolls { get; set; } = 2;

    /// <summary>When true, a create with <c>Prefer: wait</c> is answered already finished.</summary>
    public bool FinishesWithinWait { get; set; }

    /// <summary>How long an output stays downloadable (Replicate: one hour).</summary>
    public TimeSpan OutputTtl { get; set; } = TimeSpan.FromHours(1);

    public ConcurrentQueue<(JsonObject Body, string? Prefer)> Created { get; } = new();

    public ConcurrentQueue<string> Cancelled { get; } = new();

    public static async Task<ReplicateStub> StartAsync()
    {
        var stub = new ReplicateStub();
        stub.Host = await StubHost.StartAsync(app =>
        {
            app.MapPost("/v1/models/{owner}/{name}/predictions", stub.CreateAsync);
            app.MapGet("/v1/predictions/{id}", stub.GetAsync);
            app.MapPost("/v1/predictions/{id}/cancel", stub.CancelAsync);
            app.MapGet("/pbxt/{id}/output.mp4", stub.OutputAsync);
        });
        return stub;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private async Task<IResult> CreateAsync(HttpContext http, string owner, string name)
    {
        if (await Guard(http, "create") is { } refused)
            return refused;
        if ($"{owner}/{name}" is not ("wan-video/wan-2.5-t2v" or "wan-video/wan-2.5-t2v-fast"))
            return Problem(404, "Not found", $"Model {owner}/{name} not found.");
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        var input = body["input"] as JsonObject;
        if (string.IsNullOrWhiteSpace(input?["prompt"]?.GetValue<string>()))
            return Problem(422, "Input validation failed", "input: prompt is required");
        var size = input["size"]?.GetValue<string>() ?? "1280*720";
        if (!Sizes.Contains(size))
            return Problem(422, "Input validation failed", $"input.size: size must be one of the following: {string.Join(", ", Sizes)}");
        var seconds = input["duration"]?.GetValue<int>() ?? 5;
        if (seconds is not (5 or 10))
            return Problem(422, "Input validation failed", "input.duration: duration must be one of the following: 5, 10");
        var prefer = http.Request.Headers["Prefer"].ToString();
        Created.Enqueue((body, prefer.Length == 0 ? null : prefer));
        var id = Guid.NewGuid().ToString("N")[..20];
        var prediction = new Prediction(id, seconds);
        _predictions[id] = prediction;
        if (prefer.StartsWith("wait", StringComparison.Ordinal))
        {
            if (FinishesWithinWait)
                prediction.Polls = ProcessingPolls;
            return Results.Json(View(prediction, advance: true), statusCode: 201);
        }

        return Results.Json(View(prediction, advance: false), statusCode: 201);
    }

    private async Task<IResult> GetAsync(HttpContext http, string id)
    {
        if (await Guard(http, "poll") is { } refused)
            return refused;
        return _predictions.TryGetValue(id, out var p) ? Results.Json(View(p, advance: true)) : Problem(404, "Not found", "Prediction not found.");
    }

    private async Task<IResult> CancelAsync(HttpContext http, string id)
    {
        if (await Guard(http, "cancel") is { } refused)
            return refused;
        if (!_predictions.TryGetValue(id, out var p))
            return Problem(404, "Not found", "Prediction not found.");
        Cancelled.Enqueue(id);
        p.Canceled = p.Status is "starting" or "processing";
        return Results.Json(View(p, advance: false));
    }

    private IResult OutputAsync(string id)
    {
        if (!_predictions.TryGetValue(id, out var p) || p.CompletedAt is not { } done || DateTimeOffset.UtcNow - done >= OutputTtl || Output == StubOutput.Expired)
            return Results.NotFound();
        return Results.Bytes(StubOutputs.Bytes(Output, p.Seconds)!, "video/mp4");
    }

    private JsonObject View(Prediction p, bool advance)
    {
        lock (p)
        {
            if (advance && !p.Canceled && p.Polls <= ProcessingPolls)
                p.Polls++;
            var status = p.Canceled ? "canceled" : p.Polls <= 1 ? "starting" : p.Polls <= ProcessingPolls ? "processing" : Ending == StubEnding.Succeed ? "succeeded" : "failed";
            p.Status = status;
            if (status is "succeeded" or "failed" or "canceled")
                p.CompletedAt ??= DateTimeOffset.UtcNow;
            var view = new JsonObject
            {
                ["id"] = p.Id,
                ["model"] = "wan-video/wan-2.5-t2v",
                ["status"] = status,
                ["logs"] = string.Concat(Enumerable.Range(1, Math.Max(0, p.Polls - 1)).Select(i => $"step {i}\n")),
                ["error"] = status == "failed"
                    ? Ending == StubEnding.Refuse ? "NSFW content detected. Try running it again, or try a different prompt." : "CUDA out of memory."
                    : null,
                ["output"] = status == "succeeded" ? $"{Host.DownloadBase}pbxt/{p.Id}/output.mp4" : null,
                ["metrics"] = status == "succeeded" ? new JsonObject { ["predict_time"] = 41.7, ["total_time"] = 44.2 } : new JsonObject(),
                ["urls"] = new JsonObject
                {
                    ["get"] = $"{Host.ApiBase}v1/predictions/{p.Id}",
                    ["cancel"] = $"{Host.ApiBase}v1/predictions/{p.Id}/cancel",
                },
            };
            return view;
        }
    }

    private async Task<IResult?> Guard(HttpContext http, string route)
    {
        if (await Faults.OnCallAsync(route, http.RequestAborted) is { } fault)
        {
            if (fault.RetryAfterSeconds is { } after)
                http.Response.Headers.RetryAfter = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(fault.Status, fault.Status == 429 ? "Too many requests" : "Internal server error",
                fault.Status == 429 ? "Request was throttled." : "Something went wrong.");
        }

        return http.Request.Headers.Authorization.ToString() == $"Bearer {Key}"
            ? null
            : Problem(401, "Unauthenticated", "You did not pass a valid authentication token");
    }

    private static IResult Problem(int status, string title, string detail) => Results.Json(
        new JsonObject { ["type"] = $"https://replicate.com/docs/errors#{status}", ["title"] = title, ["status"] = status, ["detail"] = detail },
        statusCode: status,
        contentType: "application/problem+json");

    private sealed class Prediction(string id, int seconds)
    {
        public string Id { get; } = id;

        public int Seconds { get; } = seconds;

        public int Polls { get; set; }

        public string Status { get; set; } = "starting";

        public bool Canceled { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }
    }
}
