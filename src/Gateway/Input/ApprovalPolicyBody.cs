using System.Text.Json;
using AiProd.Contracts;

namespace AiProd.Gateway.Input;

/// <summary>
/// The <c>approval</c> object of a video request, read field by field: <c>roles</c> and <c>points</c> (arrays of
/// strings), <c>deadlineSeconds</c> (a whole number) and <c>onDeadline</c> (a string). Types are checked here, each
/// error under <c>approval.{field}</c>; the values' rules are the sanitizer's (<c>ApprovalPolicyCheck</c>).
/// </summary>
public static class ApprovalPolicyBody
{
    private const string Prefix = "approval.";
    private static readonly string[] Fields = ["roles", "points", "deadlineSeconds", "onDeadline"];

    public static ApprovalPolicy? Parse(JsonElement element, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind == JsonValueKind.Null)
            return null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.TryAdd("approval", [$"Must be an object such as {{\"roles\": [\"client\"], \"points\": [\"final\"]}}, not {VideoRequestBody.Describe(element.ValueKind)}."]);
            return null;
        }

        var seen = VideoRequestBody.Members(element, Fields, Prefix, errors, "an approval policy");
        var roles = Strings(seen, "roles", errors);
        var points = Strings(seen, "points", errors);
        var deadline = VideoRequestBody.Number(seen, "deadlineSeconds", errors, (JsonElement e, out int v) => e.TryGetInt32(out v), "a whole number of seconds", Prefix);
        var onDeadline = VideoRequestBody.Text(seen, "onDeadline", errors, Prefix);
        return new ApprovalPolicy(roles, points) { DeadlineSeconds = deadline, OnDeadline = onDeadline ?? ApprovalPoints.FailOnDeadline };
    }

    private static List<string> Strings(Dictionary<string, JsonElement> fields, string name, Dictionary<string, string[]> errors)
    {
        if (!fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return [];
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            errors.TryAdd(Prefix + name, [$"Must be an array of strings, not {VideoRequestBody.Describe(value.ValueKind)}."]);
            return [];
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }
}
