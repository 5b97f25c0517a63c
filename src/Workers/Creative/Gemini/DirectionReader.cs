using System.Globalization;
using System.Text.Json;
using AiProd.Contracts;
using AiProd.Providers.Gemini;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Direction;

namespace AiProd.Workers.Creative.Gemini;

/// <summary>
/// Turns Gemini's JSON direction into a <see cref="CreativeDirection"/> the pipeline can render, or says exactly why
/// it cannot. Durations within <see cref="DurationTolerance"/> of the request are scaled to add up exactly (the
/// shot planner needs that) and a note says so; anything further off, too many scenes, empty text or an unknown
/// beat is a malformed answer.
/// </summary>
public static class DirectionReader
{
    /// <summary>Relative gap between the scenes' sum and the request that is normalised rather than refused.</summary>
    public const double DurationTolerance = 0.10;

    private const int MaxTextLength = 1000;

    private static readonly HashSet<string> Beats = [NarrativeArc.Setup, NarrativeArc.Rising, NarrativeArc.Climax, NarrativeArc.Falling, NarrativeArc.Resolution];

    private sealed record Answer(string? Title, List<AnswerScene>? Scenes, List<string>? Notes);

    private sealed record AnswerScene(string? Beat, string? Description, string? Camera, string? Lighting, string? Mood, double DurationSeconds, string? Narration = null);

    /// <exception cref="DirectionRejectedException">The answer cannot be used; the message says why.</exception>
    public static CreativeDirection Read(JsonElement json, DirectCreative command, string model)
    {
        ArgumentNullException.ThrowIfNull(command);
        var answer = json.Deserialize<Answer>(GeminiJson.Options) ?? throw Reject("the answer is empty");
        var title = Text(answer.Title, "title");
        var scenes = answer.Scenes ?? [];
        var total = Centis.From(command.Request.DurationSeconds);
        var max = DirectionPrompt.MaxScenesFor(command.Request.DurationSeconds);
        if (scenes.Count < 1 || scenes.Count > max)
            throw Reject($"{scenes.Count} scene(s) for {command.Request.DurationSeconds:0.##} s; expected 1–{max}");

        for (var i = 0; i < scenes.Count; i++)
        {
            if (scenes[i].Beat is not { } beat || !Beats.Contains(beat))
                throw Reject($"scene {i} has the beat \"{scenes[i].Beat}\", expected one of {string.Join(", ", Beats)}");
            if (!(scenes[i].DurationSeconds > 0))
                throw Reject($"scene {i} lasts {scenes[i].DurationSeconds} s");
        }

        var notes = new List<string> { $"gemini ({model}) directed attempt {command.Attempt}." };
        var durations = Durations(scenes.Select(s => s.DurationSeconds).ToList(), total, notes);
        var result = scenes.Select((s, i) => new Scene(
            i,
            s.Beat!,
            Text(s.Description, $"scenes[{i}].description"),
            Text(s.Camera, $"scenes[{i}].camera"),
            Text(s.Lighting, $"scenes[{i}].lighting"),
            Text(s.Mood, $"scenes[{i}].mood"),
            Centis.ToSeconds(durations[i]))
        {
            // A missing line is not worth failing the plan for: the scene is then simply not narrated.
            Narration = command.Request.Narration && !string.IsNullOrWhiteSpace(s.Narration) ? Text(s.Narration, $"scenes[{i}].narration") : "",
        }).ToList();
        notes.AddRange((answer.Notes ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Text(n, "notes")));
        return new CreativeDirection(command.Attempt, title, result, notes);
    }

    /// <summary>The scene lengths in hundredths, adding up to <paramref name="total"/> exactly.</summary>
    internal static IReadOnlyList<int> Durations(IReadOnlyList<double> seconds, int total, List<string> notes)
    {
        var asked = seconds.Select(Centis.From).ToList();
        var sum = asked.Sum();
        if (Math.Abs(sum - total) > total * DurationTolerance)
            throw Reject($"the scenes add up to {Centis.ToSeconds(sum):0.##} s, the request is {Centis.ToSeconds(total):0.##} s");

        var scaled = asked;
        if (sum != total)
        {
            // Scaled proportionally in whole hundredths; the rounding remainder goes to the last scene, as Centis.Split does.
            scaled = asked.Select(c => (int)Math.Floor((double)c * total / sum)).ToList();
            scaled[^1] += total - scaled.Sum();
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"scene durations normalised from {Centis.ToSeconds(sum):0.##} s to the requested {Centis.ToSeconds(total):0.##} s."));
        }

        var shortest = Math.Min(OfflineCreativeDirector.MinSceneCentis, total / seconds.Count);
        return scaled.Min() >= shortest
            ? scaled
            : throw Reject($"a scene lasts {Centis.ToSeconds(scaled.Min()):0.##} s, shorter than {Centis.ToSeconds(shortest):0.##} s");
    }

    private static string Text(string? value, string field)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            throw Reject($"{field} is empty");
        return text.Length <= MaxTextLength ? text : throw Reject($"{field} is {text.Length} characters long (at most {MaxTextLength})");
    }

    private static DirectionRejectedException Reject(string why) => new(why);
}

/// <summary>Gemini answered, schema-valid, but the direction cannot be rendered.</summary>
public sealed class DirectionRejectedException(string message) : Exception(message);
