using System.Text.Json;
using AiProd.Contracts;

namespace AiProd.Gateway.Input;

/// <summary>
/// The body of <c>PATCH /v1/videos/{id}/plan</c>: <c>scenes</c> (<c>[{sceneIndex, description}]</c>) and/or
/// <c>shots</c> (<c>[{shotId, prompt?, durationSeconds?, camera?}]</c>). Each element's fields are checked here; that
/// the scenes and shots exist is checked against the plan.
/// </summary>
public static class PlanEditBody
{
    public const int MaxText = 2000;
    public const double MinSeconds = 0.5;
    public const double MaxSeconds = 30;

    /// <summary>The camera movements a shot can have.</summary>
    public static readonly string[] Cameras = ["static", "pan left", "pan right", "tilt up", "tilt down", "push in", "pull out", "orbit", "handheld"];

    private static readonly string[] Fields = ["scenes", "shots"];
    private static readonly string[] SceneFields = ["sceneIndex", "description"];
    private static readonly string[] ShotFields = ["shotId", "prompt", "durationSeconds", "camera"];

    public static (EditPlan?, IResult?) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return (null, Problems.Field("body", $"The body must be a JSON object with scenes and/or shots, not {VideoRequestBody.Describe(root.ValueKind)}."));
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = VideoRequestBody.Members(root, Fields, string.Empty, errors, "a plan edit");
        var scenes = new List<SceneEdit>();
        var shots = new List<ShotEdit>();
        foreach (var (item, prefix) in Items(seen, "scenes", errors))
        {
            var fields = VideoRequestBody.Members(item, SceneFields, prefix, errors, "a scene edit");
            var index = VideoRequestBody.Number(fields, "sceneIndex", errors, (JsonElement e, out int v) => e.TryGetInt32(out v) && v >= 0, "a scene index (0, 1 …)", prefix);
            var text = Text(fields, "description", prefix, errors);
            if (index is null && !errors.ContainsKey(prefix + "sceneIndex"))
                errors[prefix + "sceneIndex"] = ["sceneIndex is required."];
            if (text is null && !errors.ContainsKey(prefix + "description"))
                errors[prefix + "description"] = ["description is required."];
            if (index is { } i && text is not null)
                scenes.Add(new SceneEdit(i, text));
        }

        foreach (var (item, prefix) in Items(seen, "shots", errors))
        {
            var fields = VideoRequestBody.Members(item, ShotFields, prefix, errors, "a shot edit");
            var id = VideoRequestBody.Text(fields, "shotId", errors, prefix);
            var prompt = Text(fields, "prompt", prefix, errors);
            var seconds = VideoRequestBody.Number(fields, "durationSeconds", errors,
                (JsonElement e, out double v) => e.TryGetDouble(out v) && v >= MinSeconds && v <= MaxSeconds, $"a length from {MinSeconds} to {MaxSeconds} seconds", prefix);
            var camera = VideoRequestBody.Text(fields, "camera", errors, prefix);
            if (camera is not null && !Cameras.Contains(camera, StringComparer.Ordinal))
                errors[prefix + "camera"] = [$"camera must be one of {string.Join(", ", Cameras)}."];
            if (string.IsNullOrEmpty(id) && !errors.ContainsKey(prefix + "shotId"))
                errors[prefix + "shotId"] = ["shotId is required."];
            else if (prompt is null && seconds is null && camera is null && !errors.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)))
                errors[prefix + "shotId"] = ["Give prompt, durationSeconds or camera to change."];
            if (!string.IsNullOrEmpty(id))
                shots.Add(new ShotEdit(id) { Prompt = prompt, DurationSeconds = seconds, Camera = camera });
        }

        if (errors.Count == 0 && scenes.Count == 0 && shots.Count == 0)
            errors["body"] = ["Give scenes and/or shots to change."];
        return errors.Count > 0 ? (null, Problems.Invalid(errors, "The plan edit is invalid.")) : (new EditPlan(Guid.Empty, string.Empty, scenes, shots), null);
    }

    private static IEnumerable<(JsonElement Item, string Prefix)> Items(Dictionary<string, JsonElement> fields, string name, Dictionary<string, string[]> errors)
    {
        if (!fields.TryGetValue(name, out var list) || list.ValueKind == JsonValueKind.Null)
            yield break;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > 100)
        {
            errors[name] = ["Must be an array of at most 100 objects."];
            yield break;
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var prefix = $"{name}[{i++}].";
            if (item.ValueKind == JsonValueKind.Object)
                yield return (item, prefix);
            else
                errors[prefix.TrimEnd('.')] = ["Must be an object."];
        }
    }

    private static string? Text(Dictionary<string, JsonElement> fields, string name, string prefix, Dictionary<string, string[]> errors)
    {
        var text = VideoRequestBody.Text(fields, name, errors, prefix)?.Trim();
        if (text is null)
            return null;
        if (text.Length is 0 or > MaxText || text.Any(c => char.IsControl(c)))
        {
            errors[prefix + name] = [$"{name} must be 1–{MaxText} characters of plain text."];
            return null;
        }

        return text;
    }
}
