using System.Globalization;
using System.Text;
using AiProd.Contracts;
using AiProd.Providers.Gemini;
using AiProd.Workers.Common;

namespace AiProd.Workers.Qa.Gemini;

/// <summary>
/// The generateContent request for semantic QA: the plan (request, scenes, shots with their timing) as text, then
/// each keyframe as an inline JPEG labelled with its time and shot, asking for the four scores with reasons and
/// tagged feedback the creative director acts on. Pure.
/// </summary>
public static class QaPrompt
{
    private static Schema Criterion(string what) => Schema.Object(
        what,
        ("score", Schema.Number("0 (unusable) to 10 (excellent).", 0, 10)),
        ("reason", Schema.String("Why, citing what the frames show.")));

    public static readonly Schema Schema = Schema.Object(
        "Semantic QA of a composed video against its plan.",
        ("visualQuality", Criterion("Sharpness, exposure, colour, artefacts.")),
        ("narrativeCoherence", Criterion("Whether the frames tell the planned scenes in order and match the request.")),
        ("technicalExcellence", Criterion("Consistency of subjects and style between frames, composition, framing as planned.")),
        ("overall", Criterion("The overall verdict.")),
        ("feedback", Schema.Array("Concrete changes for the next attempt, each \"<tag>: <sentence>\".", Schema.String("One change."), 0, 8)));

    /// <summary>The plan as the model reads it; also part of the score cache key.</summary>
    public static string PlanText(RunSemanticQa command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Request: {command.Request.Prompt}");
        sb.AppendLine(inv, $"Duration {command.Request.DurationSeconds:0.##} s, aspect {command.Request.AspectRatio}.");
        sb.AppendLine(inv, $"Title: {command.Direction.Title}");
        sb.AppendLine("Scenes:");
        foreach (var s in command.Direction.Scenes)
            sb.AppendLine(inv, $"- scene {s.Index} ({s.Beat}, {s.DurationSeconds:0.##} s): {s.Description} | camera: {s.Camera} | lighting: {s.Lighting} | mood: {s.Mood}");
        var timing = command.Timeline.ToDictionary(t => t.ShotId, StringComparer.Ordinal);
        sb.AppendLine("Shots:");
        foreach (var shot in command.Shots.OrderBy(s => s.Order))
        {
            var at = timing.TryGetValue(shot.ShotId, out var t) ? $"{t.StartSeconds:0.##}–{t.StartSeconds + t.DurationSeconds:0.##} s" : "unplaced";
            sb.AppendLine(inv, $"- {shot.ShotId} ({at}, scene {shot.SceneIndex}): {shot.Description}; {shot.Framing}, {shot.Movement}, then {shot.TransitionOut}");
        }

        return sb.ToString();
    }

    public static GenerateContentRequest Build(RunSemanticQa command, string plan, IReadOnlyList<Keyframe> frames, GeminiOptions options)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(options);
        var inv = CultureInfo.InvariantCulture;
        var descriptions = command.Shots.DistinctBy(s => s.ShotId).ToDictionary(s => s.ShotId, s => s.Description, StringComparer.Ordinal);
        List<Part> parts = [Part.FromText(plan), Part.FromText($"{frames.Count} keyframes follow, in order.")];
        for (var i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            var shot = f.ShotId is { } id ? $"shot {id}: {descriptions.GetValueOrDefault(id, "not in the plan")}" : "no planned shot";
            parts.Add(Part.FromText(string.Create(inv, $"Frame {i + 1} at {f.AtSeconds:0.##} s ({shot}):")));
            parts.Add(Part.FromImage("image/jpeg", f.Jpeg));
        }

        return new GenerateContentRequest(
            [new Content(parts, "user")],
            new Content([Part.FromText(SystemText)]),
            new GenerationConfig("application/json", Schema, options.Temperature, options.MaxOutputTokens));
    }

    private static readonly string SystemText = string.Join('\n',
        "You are the quality reviewer of a short-video production pipeline. You see keyframes of a composed video and the plan it was made from.",
        "Score each criterion from 0 to 10 and give a reason that cites what the frames show. The overall score decides whether the video ships.",
        $"Feedback items start with one of these tags, then a colon and one concrete sentence: {string.Join(", ", FeedbackTags.All)}.",
        "Give no feedback for criteria that are already good.");
}
