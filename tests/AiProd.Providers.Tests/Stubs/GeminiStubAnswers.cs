using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>
/// Deterministic answers derived from what the stub actually received: a direction from the request's words and
/// duration (acting on feedback tags it finds), scores from the bytes of the images sent, or, for any other
/// schema, the simplest value that conforms to it.
/// </summary>
internal static partial class GeminiStubAnswers
{
    private static readonly string[] Cameras = ["slow push-in", "wide establishing pan", "orbit around the subject", "tracking shot alongside", "static close-up"];

    public static JsonNode For(JsonObject request, double? scoreCeiling)
    {
        var config = (request["generationConfig"] ?? request["generation_config"])?.AsObject();
        var schema = (config?["responseSchema"] ?? config?["responseJsonSchema"])?.AsObject() ?? new JsonObject { ["type"] = "STRING" };
        var properties = schema["properties"] as JsonObject;
        var parts = (request["contents"]!.AsArray()).SelectMany(c => c!["parts"]!.AsArray()).Select(p => p!.AsObject()).ToList();
        var text = string.Join('\n', parts.Select(p => p["text"]?.GetValue<string>()).OfType<string>());
        var images = parts.Select(p => p["inlineData"] ?? p["inline_data"]).OfType<JsonNode>()
            .Select(i => Convert.FromBase64String(i["data"]!.GetValue<string>())).ToList();

        if (properties?.ContainsKey("scenes") == true)
            return Direction(text);
        if (properties?.ContainsKey("visualQuality") == true)
            return Scores(images, scoreCeiling);
        return Generic(schema);
    }

    private static JsonObject Direction(string text)
    {
        var requestLine = text.Split('\n').FirstOrDefault(l => l.StartsWith("Request:", StringComparison.Ordinal))?[8..] ?? text.Split('\n')[0];
        var words = Words().Matches(requestLine).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length > 2).DefaultIfEmpty("scene").ToList();
        var duration = Seconds().Match(text) is { Success: true } d ? double.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture) : 8;
        var centis = (int)Math.Round(duration * 100);
        var count = About().Match(text) is { Success: true } a ? int.Parse(a.Groups[1].Value, CultureInfo.InvariantCulture) : Math.Max(1, words.Count / 3);
        if (AtMost().Match(text) is { Success: true } m)
            count = Math.Min(count, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        count = Math.Clamp(Math.Min(count, centis / 150), 1, 10);

        var tags = FeedbackTags(text);
        var cues = new List<string>();
        if (tags.Contains("more-motion")) cues.Add("dynamic");
        if (tags.Contains("less-motion") || tags.Contains("steadier")) cues.Add("steady");
        if (tags.Contains("fewer-cuts")) cues.Add("long take");
        if (tags.Contains("sharper")) cues.Add("crisp focus");
        var light = string.Join(" ", new[] { tags.Contains("brighter") ? "bright" : null, tags.Contains("darker") ? "low-key" : null, tags.Contains("more-contrast") ? "high-contrast" : null }.OfType<string>());

        var scenes = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var subject = string.Join(' ', Enumerable.Range(0, 3).Select(k => words[(i * 3 + k) % words.Count]));
            var seconds = i < count - 1 ? centis / count : centis - (centis / count * (count - 1));
            scenes.Add(new JsonObject
            {
                ["beat"] = Beat(i, count),
                ["description"] = $"{subject}, scene {i + 1} of {count}",
                ["camera"] = string.Join(", ", new[] { Cameras[i % Cameras.Length] }.Concat(cues)),
                ["lighting"] = (light + " soft daylight").Trim(),
                ["mood"] = i == count - 1 ? "calm" : "curious",
                ["narration"] = $"Line {i + 1} of the story.",
                ["durationSeconds"] = seconds / 100.0,
            });
        }

        return new JsonObject
        {
            ["title"] = string.Join(' ', words.Take(4).Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
            ["scenes"] = scenes,
            ["notes"] = new JsonArray(tags.Select(t => (JsonNode)$"{t}: applied to every scene's camera and lighting.").ToArray()),
        };
    }

    private static JsonObject Scores(IReadOnlyList<byte[]> images, double? ceiling)
    {
        var hash = SHA256.HashData(images.SelectMany(b => b).ToArray());
        var kb = images.Count == 0 ? 0 : images.Average(b => b.Length) / 1024.0;
        double Score(int k) => Math.Min(Math.Round(7.0 + (hash[k] % 250) / 100.0, 2), ceiling ?? 10);
        JsonObject Criterion(double score, string what) => new()
        {
            ["score"] = score,
            ["reason"] = string.Create(CultureInfo.InvariantCulture, $"{images.Count} frames received, {kb:0.0} KB average JPEG; {what}"),
        };

        var (visual, narrative, technical) = (Score(0), Score(1), Score(2));
        var overall = Math.Round((visual + narrative + technical) / 3, 2);
        var feedback = new JsonArray();
        if (overall < 7)
        {
            feedback.Add("more-motion: the frames barely change from shot to shot; keep the subject moving.");
            feedback.Add("brighter: the frames look dim; lift the exposure.");
        }

        return new JsonObject
        {
            ["visualQuality"] = Criterion(visual, "exposure and detail look consistent"),
            ["narrativeCoherence"] = Criterion(narrative, "the frames follow the planned scenes"),
            ["technicalExcellence"] = Criterion(technical, "framing matches the plan"),
            ["overall"] = Criterion(overall, "mean of the three"),
            ["feedback"] = feedback,
        };
    }

    private static JsonNode Generic(JsonObject schema) => schema["type"]?.GetValue<string>() switch
    {
        "OBJECT" => new JsonObject((schema["properties"]?.AsObject() ?? []).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Generic(p.Value!.AsObject())))),
        "ARRAY" => new JsonArray(Enumerable.Range(0, Math.Max(1, schema["minItems"]?.GetValue<int>() ?? 1)).Select(_ => (JsonNode?)Generic(schema["items"]!.AsObject())).ToArray()),
        "NUMBER" or "INTEGER" => JsonValue.Create(schema["minimum"]?.GetValue<double>() ?? 0),
        "BOOLEAN" => JsonValue.Create(true),
        _ => JsonValue.Create(schema["enum"]?[0]?.GetValue<string>() ?? "stub"),
    };

    private static string Beat(int i, int count)
    {
        if (count == 1) return "climax";
        if (count == 2) return i == 0 ? "setup" : "climax";
        var climax = Math.Clamp((int)Math.Round((count - 1) * 0.6), 1, count - 2);
        return i == 0 ? "setup" : i == count - 1 ? "resolution" : i < climax ? "rising" : i == climax ? "climax" : "falling";
    }

    private static List<string> FeedbackTags(string text)
    {
        var start = text.IndexOf("Feedback to act on:", StringComparison.Ordinal);
        return start < 0 ? [] : [.. Tag().Matches(text[start..]).Select(m => m.Groups[1].Value).Distinct()];
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*seconds")]
    private static partial Regex Seconds();

    [GeneratedRegex(@"about (\d+)")]
    private static partial Regex About();

    [GeneratedRegex(@"at most (\d+)")]
    private static partial Regex AtMost();

    [GeneratedRegex(@"^- ([a-z-]+):", RegexOptions.Multiline)]
    private static partial Regex Tag();
}
