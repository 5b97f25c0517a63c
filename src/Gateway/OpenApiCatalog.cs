using Microsoft.OpenApi;

namespace AiProd.Gateway;

/// <summary>
/// What the OpenAPI document says of each operation that its handler cannot (the handlers read bodies and queries by
/// hand): a summary, the request body, and the problem statuses it can answer.
/// </summary>
internal static class OpenApiCatalog
{
    private const JsonSchemaType Str = JsonSchemaType.String;
    private const JsonSchemaType Num = JsonSchemaType.Number;
    private const JsonSchemaType Int = JsonSchemaType.Integer;
    private const JsonSchemaType Bool = JsonSchemaType.Boolean;
    private const JsonSchemaType Obj = JsonSchemaType.Object;
    private const JsonSchemaType Arr = JsonSchemaType.Array;

    public static readonly IReadOnlyDictionary<string, string> Summaries = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["POST /v1/videos"] = "Submit a video request (optionally with an Idempotency-Key and a callbackUrl)",
        ["GET /v1/videos"] = "List your videos, newest first (state, pageSize, pageToken)",
        ["GET /v1/videos/{id}"] = "A video's status: state, progress, cost, QA, history, links",
        ["GET /v1/videos/{id}/content"] = "Download the finished MP4 (a redirect to a signed URL, or the bytes); format=9:16 for another delivered format",
        ["GET /v1/videos/{id}/animatic"] = "The storyboard's animatic: a cheap local preview of the plan (version=n; 404 with Retry-After while it is made)",
        ["GET /v1/videos/{id}/manifest"] = "The finished video's JSON manifest",
        ["GET /v1/videos/{id}/subtitles.srt"] = "The narration's subtitles as SubRip",
        ["GET /v1/videos/{id}/subtitles.vtt"] = "The narration's subtitles as WebVTT",
        ["POST /v1/videos/{id}/approve"] = "Approve the video waiting for your role",
        ["POST /v1/videos/{id}/reject"] = "Reject the video with comments: it goes back to Creative as a new version",
        ["GET /v1/videos/{id}/versions"] = "Every version of the video",
        ["GET /v1/videos/{id}/versions/diff"] = "What changed between two versions (from, to)",
        ["GET /v1/videos/{id}/versions/{number}"] = "One version: plan, manifest, costs, QA reports, approvals",
        ["GET /v1/videos/{id}/versions/{number}/content"] = "Download one version's MP4",
        ["GET /v1/videos/{id}/comments"] = "The video's comment threads (optionally of one version)",
        ["POST /v1/videos/{id}/comments"] = "Comment on a version, a shot or a moment; reply with parentId",
        ["PATCH /v1/videos/{id}/comments/{commentId}"] = "Edit your comment",
        ["DELETE /v1/videos/{id}/comments/{commentId}"] = "Delete your comment (its replies stay)",
        ["GET /v1/videos/{id}/events"] = "Server-sent events of the video: state, progress, approvals, comments (Last-Event-ID resumes)",
        ["GET /v1/audit"] = "The audit trail, newest first (admin)",
        ["POST /v1/webhooks"] = "Subscribe a URL to your videos' events; the signing secret is in this answer only",
        ["GET /v1/webhooks"] = "Your webhook subscriptions",
        ["GET /v1/webhooks/{id}"] = "One webhook subscription (a video's callback too)",
        ["DELETE /v1/webhooks/{id}"] = "Delete a webhook subscription",
        ["GET /v1/webhooks/{id}/deliveries"] = "A subscription's deliveries (status=pending, delivered or parked)",
        ["POST /v1/webhooks/{id}/deliveries/{deliveryId}/resend"] = "Send a parked or delivered delivery again",
        ["GET /v1/videos/{id}/plan"] = "The current version's plan (scenes and shots) with its ETag",
        ["PATCH /v1/videos/{id}/plan"] = "Edit the current version's plan (If-Match its ETag): a new version re-renders only what changed",
    };

    public static readonly IReadOnlyDictionary<string, Func<OpenApiRequestBody>> Bodies = new Dictionary<string, Func<OpenApiRequestBody>>(StringComparer.Ordinal)
    {
        ["POST /v1/videos"] = () => GatewayOpenApi.Json("What to make.",
            ("prompt", Str, "What the video shows, 1–2,000 characters."), ("durationSeconds", Num, "Length in seconds."),
            ("aspectRatio", Str, "16:9, 9:16 or 1:1."), ("resolution", Str, "720p or 1080p."), ("budgetUsd", Num, "Most it may cost."),
            ("frameRate", Int, "Frames per second."), ("approval", Obj, "roles, points (storyboard, final), deadline, onDeadline."),
            ("narration", Bool, "Spoken narration."), ("language", Str, "Narration language."), ("voice", Str, "Narration voice."),
            ("speechRate", Num, "Narration speed."), ("burnSubtitles", Bool, "Subtitles burnt into the picture."),
            ("formats", Arr, "Aspect ratios to deliver, each reframed from one plan: 16:9, 9:16, 1:1."),
            ("callbackUrl", Str, "https URL this video's events are POSTed to, signed as Standard Webhooks do.")),
        ["POST /v1/videos/{id}/approve"] = () => GatewayOpenApi.Json("The decision.",
            ("role", Str, "Your role, one the request named."), ("comment", Str, "Optional remark."), ("point", Str, "storyboard or final."), ("version", Int, "The version decided.")),
        ["POST /v1/videos/{id}/reject"] = () => GatewayOpenApi.Json("The decision.",
            ("role", Str, "Your role, one the request named."), ("comment", Str, "What must change (required)."), ("point", Str, "storyboard or final."), ("version", Int, "The version decided.")),
        ["POST /v1/videos/{id}/comments"] = () => GatewayOpenApi.Json("The comment.",
            ("text", Str, "1–4,000 characters."), ("parentId", Str, "The comment answered."), ("version", Int, "The version (default: current)."),
            ("shotId", Str, "A shot of that version."), ("atSeconds", Num, "A moment of that version.")),
        ["PATCH /v1/videos/{id}/comments/{commentId}"] = () => GatewayOpenApi.Json("The new text.", ("text", Str, "1–4,000 characters.")),
        ["POST /v1/webhooks"] = () => GatewayOpenApi.Json("The subscription.",
            ("url", Str, "https URL with a public host."), ("eventTypes", Arr, "Event types wanted; none: all.")),
        ["PATCH /v1/videos/{id}/plan"] = () => GatewayOpenApi.Json("Changes to the current plan, by scene and shot id.",
            ("scenes", Arr, "[{sceneId, description}]"), ("shots", Arr, "[{shotId, prompt, durationSeconds, camera}]")),
    };

    /// <summary>Statuses answered beyond the ones every operation of its kind can answer.</summary>
    private static readonly IReadOnlyDictionary<string, int[]> Extra = new Dictionary<string, int[]>(StringComparer.Ordinal)
    {
        ["POST /v1/videos"] = [422],
        ["GET /v1/videos/{id}/content"] = [409],
        ["GET /v1/videos/{id}/manifest"] = [409],
        ["GET /v1/videos/{id}/subtitles.srt"] = [409],
        ["GET /v1/videos/{id}/subtitles.vtt"] = [409],
        ["GET /v1/videos/{id}/versions/{number}/content"] = [409],
        ["POST /v1/videos/{id}/approve"] = [409],
        ["POST /v1/videos/{id}/reject"] = [409],
        ["POST /v1/webhooks"] = [409],
        ["POST /v1/webhooks/{id}/deliveries/{deliveryId}/resend"] = [409],
        ["GET /v1/videos/{id}/plan"] = [409],
        ["PATCH /v1/videos/{id}/plan"] = [409, 412, 428],
    };

    /// <summary>The problem statuses of one operation: 400, 429 and 503 everywhere; 401/403 when secured; 404 with a path id; body errors on writes.</summary>
    public static IEnumerable<int> ProblemsOf(string method, string route, bool secured)
    {
        var statuses = new SortedSet<int> { 400, 429, 503 };
        if (secured)
            statuses.UnionWith([401, 403]);
        if (route.Contains('{', StringComparison.Ordinal))
            statuses.Add(404);
        if (method is "POST" or "PATCH" or "PUT")
            statuses.UnionWith([413, 415]);
        if (Extra.TryGetValue($"{method} {route}", out var extra))
            statuses.UnionWith(extra);
        return statuses;
    }

    public static string Meaning(int status) => status switch
    {
        400 => "The request is invalid; errors name each bad field, header or query parameter.",
        401 => "No valid credential (WWW-Authenticate: Bearer).",
        403 => "The credential lacks the scope, or the thing is not yours to change.",
        404 => "No such thing of yours (another owner's is answered the same).",
        409 => "Not now: the video or subscription is in a state that does not allow it.",
        412 => "If-Match does not match the current ETag: someone changed it first.",
        413 => "The body is too large.",
        415 => "The body is not application/json (UTF-8).",
        422 => "The Idempotency-Key was used for another request.",
        428 => "If-Match is required.",
        429 => "Too many requests (Retry-After).",
        503 => "A store or the bus is out of reach; retry later.",
        _ => "A problem.",
    };
}
