using System.Globalization;
using System.Text;
using AiProd.Contracts;
using AiProd.Providers.Gemini;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Direction;

namespace AiProd.Workers.Creative.Gemini;

/// <summary>
/// The generateContent request for creative direction: the rules of a good plan as the system instruction, the
/// request and its analysis, and on a later attempt the previous plan with semantic QA's scores, reasons and
/// feedback, so what QA saw shapes the next attempt. Pure, so the prompt is tested without a network.
/// </summary>
public static class DirectionPrompt
{
    public const int MaxScenes = 10;

    public static readonly Schema Schema = Schema.Object(
        "A video's creative direction.",
        ("title", Schema.String("A short title, at most 8 words.")),
        ("scenes", Schema.Array("The scenes in order.", Schema.Object(
            "One scene.",
            ("beat", Schema.String("Narrative role of the scene.", NarrativeArc.Setup, NarrativeArc.Rising, NarrativeArc.Climax, NarrativeArc.Falling, NarrativeArc.Resolution)),
            ("description", Schema.String("What happens, concretely and visually, in one or two sentences.")),
            ("camera", Schema.String("Camera set-up and movement.")),
            ("lighting", Schema.String("Lighting.")),
            ("mood", Schema.String("Mood in a few words.")),
            ("narration", Schema.String("The voice-over line spoken over this scene: one short sentence a voice can say inside the scene (about 2 words a second), never the same as another scene's.")),
            ("durationSeconds", Schema.Number("Scene length in seconds.", 0.5, 60))), 1, MaxScenes)),
        ("notes", Schema.Array("What was changed because of the QA feedback; empty on a first attempt.", Schema.String("One change."), 0, 12)));

    /// <summary>Scenes that fit the duration at the shortest scene length the pipeline renders.</summary>
    public static int MaxScenesFor(double durationSeconds) =>
        Math.Clamp(Centis.From(durationSeconds) / OfflineCreativeDirector.MinSceneCentis, 1, MaxScenes);

    public static GenerateContentRequest Build(DirectCreative command, GeminiOptions options)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        return new GenerateContentRequest(
            [new Content([Part.FromText(UserText(command))], "user")],
            new Content([Part.FromText(SystemText)]),
            new GenerationConfig("application/json", Schema, options.Temperature, options.MaxOutputTokens));
    }

    private static readonly string SystemText = string.Join('\n',
        "You are the creative director of a short-video production pipeline. You turn a request into scenes that a shot planner and a video model render.",
        "Rules:",
        "- Scene durations are in seconds and must add up exactly to the requested duration; no scene is shorter than 1.5 s.",
        $"- Beats follow a narrative arc: {NarrativeArc.Setup}, {NarrativeArc.Rising}, {NarrativeArc.Climax}, {NarrativeArc.Falling}, {NarrativeArc.Resolution}. One scene is a climax.",
        "- Descriptions are concrete and visual: subject, action, setting. No dialogue, no on-screen text, no real people's names.",
        $"- The shot planner reads these words: in camera \"{DirectionCues.Dynamic}\" (more movement), \"{DirectionCues.Steady}\" (no shake, calm), "
            + $"\"{DirectionCues.LongTake}\" (fewer, longer shots), \"{DirectionCues.CrispFocus}\" (less motion blur); in lighting \"{DirectionCues.Bright}\" (lift exposure), "
            + $"\"{DirectionCues.LowKey}\" (lower exposure), \"{DirectionCues.HighContrast}\" (push colours apart). Use them to act on QA feedback.",
        "- When a previous attempt and its QA report are given, fix every point of the feedback and list each change in notes, one sentence per change, starting with the feedback tag.");

    private static string UserText(DirectCreative command)
    {
        var r = command.Request;
        var a = command.Analysis;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Request: {r.Prompt}");
        sb.AppendLine(inv, $"Duration: {r.DurationSeconds:0.##} seconds; aspect {r.AspectRatio}; {r.Resolution}; {r.FrameRate} fps.");
        sb.AppendLine(inv, $"Scenes: about {a.SceneCount} (at most {MaxScenesFor(r.DurationSeconds)}).");
        if (a.Subjects.Count > 0)
            sb.AppendLine(inv, $"Main subjects: {string.Join(", ", a.Subjects)}.");
        sb.AppendLine(inv, $"Complexity: {a.Complexity:0.00} (0 simple – 1 very complex).");
        sb.AppendLine(inv, $"Attempt: {command.Attempt}.");

        if (command.Attempt > 1 && command.PreviousDirection is { } previous)
        {
            sb.AppendLine().AppendLine(inv, $"Previous direction (attempt {previous.Attempt}, \"{previous.Title}\"):");
            foreach (var s in previous.Scenes)
                sb.AppendLine(inv, $"- {s.Index}: {s.Beat}, {s.DurationSeconds:0.##} s: {s.Description} | camera: {s.Camera} | lighting: {s.Lighting} | mood: {s.Mood}");
        }

        if (command.Attempt > 1 && command.PreviousQa is { } qa)
        {
            sb.AppendLine().AppendLine(inv, $"Semantic QA of that attempt ({qa.Evaluator}): overall {qa.Overall.Score:0.0} of 10, needed {qa.Threshold:0.0}, {(qa.Passed ? "passed" : "failed")}.");
            sb.AppendLine(inv, $"- visual quality {qa.VisualQuality.Score:0.0}: {qa.VisualQuality.Basis}");
            sb.AppendLine(inv, $"- narrative coherence {qa.NarrativeCoherence.Score:0.0}: {qa.NarrativeCoherence.Basis}");
            sb.AppendLine(inv, $"- technical excellence {qa.TechnicalExcellence.Score:0.0}: {qa.TechnicalExcellence.Basis}");
            sb.AppendLine(inv, $"- overall: {qa.Overall.Basis}");
            sb.AppendLine("Feedback to act on:");
            foreach (var f in qa.Feedback.DefaultIfEmpty("(none given; improve the weakest score)"))
                sb.AppendLine(inv, $"- {f}");
        }

        if (command.ReviewerNotes.Count > 0)
        {
            sb.AppendLine().AppendLine("An approver rejected the previous version. What they asked to change (act on every point, list each change in notes):");
            foreach (var note in command.ReviewerNotes)
                sb.AppendLine(inv, $"- {note}");
        }

        return sb.ToString();
    }
}
