using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>
/// Runway's task contract (providers.md 2.3, 2.7): the bearer key (401) and <c>X-Runway-Version</c> (400 with
/// <c>issues[]</c>) on every call; <c>POST /v1/image_to_video</c> validates model, image (gen4_turbo needs one),
/// ratio and duration with zod-style issues; the task runs PENDING → THROTTLED (for <see cref="ThrottledPolls"/>) →
/// RUNNING with rising progress → SUCCEEDED with signed output URLs that can expire, or FAILED with
/// <c>failure</c>/<c>failureCode</c>; <c>DELETE /v1/tasks/{id}</c> answers 204. Insufficient credits is switchable.
/// </summary>
public sealed class RunwayStub : IAsyncDisposable
{
    public const string Key = "stub-runway-key";

    private static readonly Dictionary<string, string[]> Ratios = new()
    {
        ["gen4_turbo"] = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"],
        ["gen3a_turbo"] = ["1280:768", "768:1280"],
    };

    private readonly ConcurrentDictionary<string, (int Seconds, int Polls, int Refreshes)> _tasks = new();

    private RunwayStub()
    {
    }

    private int _downloads;

    public StubHost Host { get; private set; } = null!;

    public StubFaults Faults { get; } = new();

    public StubEnding Ending { get; set; } = StubEnding.Succeed;

    /// <summary>The FAILED task's code when <see cref="Ending"/> is Fail (Refuse uses a SAFETY code).</summary>
    public string FailureCode { get; set; } = "INTERNAL.BAD_OUTPUT.CODE01";

    public StubOutput Output { get; set; } = StubOutput.Valid;

    /// <summary>When set, only the first output URL of a task is expired; fetching the task again gives a fresh one.</summary>
    public bool ExpireFirstUrlOnly { get; set; }

    public int ThrottledPolls { get; set; } = 1;

    public int RunningPolls { get; set; } = 1;

    public bool OutOfCredits { get; set; }

    public ConcurrentQueue<JsonObject> Created { get; } = new();

    public ConcurrentQueue<string> Deleted { get; } = new();

    /// <summary>Requests for output files, served or not.</summary>
    public int Downloads => Volatile.Read(ref _downloads);

    public static async Task<RunwayStub> StartAsync()
    {
        var stub = new RunwayStub();
        stub.Host = await StubHost.StartAsync(app =>
        {
            app.MapPost("/v1/image_to_video", (Delegate)stub.CreateAsync);
            app.MapGet("/v1/tasks/{id}", stub.GetAsync);
            app.MapDelete("/v1/tasks/{id}", stub.DeleteAsync);
            app.MapGet("/outputs/{id}/{refresh}/video.mp4", stub.OutputAsync);
        });
        return stub;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private async Task<IResult> CreateAsync(HttpContext http)
    {
        if (await Guard(http, "create") is { } refused)
            return refused;
        if (OutOfCredits)
            return Results.Json(new JsonObject { ["error"] = "You do not have enough credits to run this task." }, statusCode: 400);
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        var issues = new JsonArray();
        var model = body["model"]?.GetValue<string>() ?? "";
        if (!Ratios.TryGetValue(model, out var ratios))
            issues.Add(Issue("invalid_enum_value", "model", $"Invalid enum value. Expected {string.Join(" | ", Ratios.Keys)}, received '{model}'"));
        var image = body["promptImage"]?.GetValue<string>() ?? "";
        if (!image.StartsWith("https://", StringComparison.Ordinal) && !IsImageDataUri(image))
            issues.Add(Issue("invalid_string", "promptImage", "Expected an https URL or a data:image/...;base64 URI of at most 5 MB"));
        var ratio = body["ratio"]?.GetValue<string>() ?? "";
        if (ratios is not null && !ratios.Contains(ratio))
            issues.Add(Issue("invalid_enum_value", "ratio", $"Invalid enum value. Expected {string.Join(" | ", ratios)}, received '{ratio}'"));
        var seconds = body["duration"]?.GetValue<int>() ?? 10;
        if (seconds is not (5 or 10))
            issues.Add(Issue("invalid_union", "duration", "Expected 5 or 10"));
        if ((body["promptText"]?.GetValue<string>() ?? "").Length > 1000)
            issues.Add(Issue("too_big", "promptText", "String must contain at most 1000 character(s)"));
        if (issues.Count > 0)
            return Results.Json(new JsonObject { ["error"] = "Validation of body failed", ["issues"] = issues, ["docUrl"] = "https://docs.dev.runwayml.com/api" }, statusCode: 400);
        Created.Enqueue(body);
        var id = Guid.NewGuid().ToString();
        _tasks[id] = (seconds, 0, 0);
        return Results.Json(new JsonObject { ["id"] = id });
    }

    private async Task<IResult> GetAsync(HttpContext http, string id)
    {
        if (await Guard(http, "poll") is { } refused)
            return refused;
        if (!_tasks.TryGetValue(id, out var task))
            return Results.Json(new JsonObject { ["error"] = "Task not found" }, statusCode: 404);
        var polls = task.Polls + 1;
        var ended = polls > 1 + ThrottledPolls + RunningPolls;
        _tasks[id] = (task.Seconds, polls, ended ? task.Refreshes + 1 : task.Refreshes);
        var result = new JsonObject { ["id"] = id, ["createdAt"] = DateTimeOffset.UtcNow.ToString("O") };
        if (polls == 1)
            result["status"] = "PENDING";
        else if (polls <= 1 + ThrottledPolls)
            result["status"] = "THROTTLED";
        else if (!ended)
        {
            result["status"] = "RUNNING";
            result["progress"] = (double)(polls - 1 - ThrottledPolls) / (RunningPolls + 1);
        }
        else if (Ending == StubEnding.Succeed)
        {
            result["status"] = "SUCCEEDED";
            result["output"] = new JsonArray($"{Host.DownloadBase}outputs/{id}/{task.Refreshes}/video.mp4?_jwt=signed-{Guid.NewGuid():N}");
        }
        else
        {
            result["status"] = "FAILED";
            result["failure"] = Ending == StubEnding.Refuse ? "Your input was flagged by our content moderation." : "An unexpected error occurred.";
            result["failureCode"] = Ending == StubEnding.Refuse ? "SAFETY.INPUT.TEXT" : FailureCode;
        }

        return Results.Json(result);
    }

    private async Task<IResult> DeleteAsync(HttpContext http, string id)
    {
        if (await Guard(http, "delete") is { } refused)
            return refused;
        Deleted.Enqueue(id);
        return Results.NoContent();
    }

    private IResult OutputAsync(string id, int refresh)
    {
        Interlocked.Increment(ref _downloads);
        if (!_tasks.TryGetValue(id, out var task))
            return Results.NotFound();
        var expired = Output == StubOutput.Expired && (!ExpireFirstUrlOnly || refresh == 0);
        return expired
            ? Results.Text("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", "application/xml", statusCode: 403)
            : Results.Bytes(StubOutputs.Bytes(Output == StubOutput.Expired ? StubOutput.Valid : Output, task.Seconds)!, "video/mp4");
    }

    private async Task<IResult?> Guard(HttpContext http, string route)
    {
        if (await Faults.OnCallAsync(route, http.RequestAborted) is { } fault)
        {
            if (fault.RetryAfterSeconds is { } after)
                http.Response.Headers.RetryAfter = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(
                new JsonObject { ["error"] = fault.Status == 429 ? "You have exceeded your daily generation limit." : "Internal server error" },
                statusCode: fault.Status);
        }

        if (http.Request.Headers.Authorization.ToString() != $"Bearer {Key}")
            return Results.Json(new JsonObject { ["error"] = "Invalid API key. Please check your API key." }, statusCode: 401);
        if (http.Request.Headers["X-Runway-Version"].ToString() != "2024-11-06")
        {
            return Results.Json(
                new JsonObject
                {
                    ["error"] = "Validation of headers failed",
                    ["issues"] = new JsonArray(Issue("invalid_literal", "X-Runway-Version", "Invalid literal value, expected \"2024-11-06\"")),
                },
                statusCode: 400);
        }

        return null;
    }

    private static bool IsImageDataUri(string uri)
    {
        const string prefix = "data:image/jpeg;base64,";
        if (!uri.StartsWith(prefix, StringComparison.Ordinal) && !uri.StartsWith("data:image/png;base64,", StringComparison.Ordinal))
            return false;
        var data = uri[(uri.IndexOf(',', StringComparison.Ordinal) + 1)..];
        var buffer = new byte[data.Length];
        return Convert.TryFromBase64String(data, buffer, out var length) && length is > 0 and <= 5 * 1024 * 1024;
    }

    private static JsonObject Issue(string code, string path, string message) =>
        new() { ["code"] = code, ["path"] = new JsonArray(path), ["message"] = message };
}
