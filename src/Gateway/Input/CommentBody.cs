using System.Text.Json;
using AiProd.Collaboration.Comments;

namespace AiProd.Gateway.Input;

/// <summary>
/// The body of <c>POST /v1/videos/{id}/comments</c> (<c>text</c>, and optionally <c>parentId</c>, <c>version</c>,
/// <c>shotId</c>, <c>atSeconds</c>) and of <c>PATCH …/comments/{commentId}</c> (<c>text</c> only).
/// </summary>
public sealed record CommentBody(string Text, string? ParentId, int? Version, string? ShotId, double? AtSeconds)
{
    private static readonly string[] NewFields = ["text", "parentId", "version", "shotId", "atSeconds"];
    private static readonly string[] EditFields = ["text"];

    public static Func<JsonElement, (CommentBody?, IResult?)> Parser(bool edit) => root =>
    {
        if (root.ValueKind != JsonValueKind.Object)
            return (null, Problems.Field("body", $"The body must be a JSON object such as {{\"text\": \"…\"}}, not {VideoRequestBody.Describe(root.ValueKind)}."));
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = VideoRequestBody.Members(root, edit ? EditFields : NewFields, string.Empty, errors, edit ? "a comment edit" : "a comment");
        var text = VideoRequestBody.Text(seen, "text", errors)?.Trim();
        var parent = VideoRequestBody.Text(seen, "parentId", errors);
        var version = VideoRequestBody.Number(seen, "version", errors, (JsonElement e, out int v) => e.TryGetInt32(out v) && v >= 1, "a version number (1, 2 …)");
        var shot = VideoRequestBody.Text(seen, "shotId", errors);
        var at = VideoRequestBody.Number(seen, "atSeconds", errors, (JsonElement e, out double v) => e.TryGetDouble(out v) && double.IsFinite(v) && v >= 0, "a time in seconds from the start, 0 or more");
        if (string.IsNullOrEmpty(text) && !errors.ContainsKey("text"))
            errors["text"] = [$"text is required: 1–{VideoComments.MaxTextLength} characters."];
        else if (text is { Length: > VideoComments.MaxTextLength })
            errors["text"] = [$"text has {text.Length} characters; at most {VideoComments.MaxTextLength} are allowed."];
        else if (text is not null && text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            errors["text"] = ["text holds control characters; send plain text (line breaks and tabs are fine)."];
        return errors.Count > 0
            ? (null, Problems.Invalid(errors, "The comment is invalid."))
            : (new CommentBody(text!, parent, version, shot, at), null);
    };
}
