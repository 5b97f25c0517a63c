using System.Text.Json;

namespace AiProd.Gateway.Input;

/// <summary>
/// The body of <c>POST /v1/videos/{id}/approve</c> and <c>/reject</c>: <c>role</c> (required), <c>comment</c> (required
/// to reject, 1–2,000 characters), and optionally <c>version</c> and <c>point</c>, which make a decision on a version
/// or point the video has moved past answer 409 instead of counting for the new one.
/// </summary>
public sealed record DecisionBody(string Role, string? Comment, int? Version, string? Point)
{
    public const int MaxCommentLength = 2000;
    private static readonly string[] Fields = ["role", "comment", "version", "point"];

    public static Func<JsonElement, (DecisionBody?, IResult?)> Parser(bool commentRequired) => root =>
    {
        if (root.ValueKind != JsonValueKind.Object)
            return (null, Problems.Field("body", $"The body must be a JSON object such as {{\"role\": \"legal\"}}, not {VideoRequestBody.Describe(root.ValueKind)}."));
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = VideoRequestBody.Members(root, Fields, string.Empty, errors, "a decision");
        var role = VideoRequestBody.Text(seen, "role", errors);
        var comment = VideoRequestBody.Text(seen, "comment", errors);
        var version = VideoRequestBody.Number(seen, "version", errors, (JsonElement e, out int v) => e.TryGetInt32(out v) && v >= 1, "a version number (1, 2 …)");
        var point = VideoRequestBody.Text(seen, "point", errors);
        if (string.IsNullOrWhiteSpace(role) && !errors.ContainsKey("role"))
            errors["role"] = ["role is required: the approver role you answer as, one the request named."];
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is null && commentRequired && !errors.ContainsKey("comment"))
            errors["comment"] = ["comment is required to reject: say what must change; the creative director works from it."];
        if (comment is { Length: > MaxCommentLength })
            errors["comment"] = [$"comment has {comment.Length} characters; at most {MaxCommentLength} are allowed."];
        if (comment is not null && comment.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            errors["comment"] = ["comment holds control characters; send plain text (line breaks and tabs are fine)."];
        return errors.Count > 0
            ? (null, Problems.Invalid(errors, "The decision is invalid."))
            : (new DecisionBody(role!.Trim(), comment, version, point), null);
    };
}
