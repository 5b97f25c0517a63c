using AiProd.Contracts;
using AiProd.Workers.Common;

namespace AiProd.Workers.Creative.Analysis;

/// <summary>
/// Scores how much has to happen on screen and turns that into a scene count. Each feature is saturated
/// (min(1, count / scale)) and weighted; the weights add up to 1, so complexity stays in 0–1 and every
/// contribution shows in <see cref="RequestAnalysis.Factors"/>.
/// </summary>
public sealed class RequestAnalyzer : IRequestAnalyzer
{
    /// <summary>The most subjects reported; later stages only use the first few.</summary>
    public const int MaxSubjects = 8;

    private static readonly (string Name, double Weight, double Scale)[] Features =
    [
        ("length", 0.15, 60), ("subjects", 0.15, 12), ("actions", 0.20, 4), ("sequencing", 0.15, 3),
        ("locations", 0.10, 3), ("camera", 0.05, 3), ("characters", 0.10, 4), ("duration", 0.10, 58),
    ];

    public RequestAnalysis Analyze(SanitizedRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var words = PromptText.Words(request.Prompt);
        var counts = Count(words, request.DurationSeconds);

        var factors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, weight, scale) in Features)
            factors[name] = Math.Round(weight * Math.Min(1, counts[name] / scale), 4);

        var complexity = Math.Clamp(Math.Round(factors.Values.Sum(), 4), 0, 1);
        return new RequestAnalysis(complexity, SceneCount(request.DurationSeconds, complexity), Subjects(words), factors);
    }

    /// <summary>
    /// Scenes last about 6 s for a trivial prompt and 3 s for a very complex one; the count is clamped to 1–10 and
    /// never makes a scene shorter than 1.5 s.
    /// </summary>
    public static int SceneCount(double durationSeconds, double complexity)
    {
        var targetLength = 6 - (3 * Math.Clamp(complexity, 0, 1));
        var wanted = (int)Math.Round(durationSeconds / targetLength, MidpointRounding.AwayFromZero);
        var fitting = Centis.From(durationSeconds) / 150;
        return Math.Clamp(Math.Min(wanted, fitting), 1, 10);
    }

    /// <summary>Salient words, most important first: characters, then places, then other nouns by frequency and position.</summary>
    public static IReadOnlyList<string> Subjects(IReadOnlyList<string> words)
    {
        // In English noun phrases the head comes last ("red car"): a word followed by another candidate is
        // probably describing it, so it ranks a little lower.
        var candidates = words
            .Select((word, position) => (word, position, modifier: position + 1 < words.Count && IsSubject(words[position + 1])))
            .Where(w => IsSubject(w.word))
            .GroupBy(w => PromptText.Stem(w.word), StringComparer.Ordinal)
            .Select(g => (Word: g.First().word, Count: g.Count(), First: g.Min(w => w.position), Modifier: g.All(w => w.modifier)));

        return candidates
            .OrderByDescending(c => Importance(c.Word) + c.Count - (c.Modifier ? 1 : 0))
            .ThenBy(c => c.First)
            .Take(MaxSubjects)
            .Select(c => c.Word)
            .ToList();
    }

    private static Dictionary<string, double> Count(IReadOnlyList<string> words, double durationSeconds) => new(StringComparer.Ordinal)
    {
        ["length"] = words.Count,
        ["subjects"] = words.Where(IsSubject).Select(PromptText.Stem).Distinct(StringComparer.Ordinal).Count(),
        ["actions"] = words.Where(w => PromptText.InLexicon(w, PromptLexicon.ActionVerbs)).Select(PromptText.Stem).Distinct(StringComparer.Ordinal).Count(),
        ["sequencing"] = words.Count(PromptLexicon.Sequencing.Contains),
        ["locations"] = words.Where(w => PromptText.InLexicon(w, PromptLexicon.Locations)).Select(PromptText.Stem).Distinct(StringComparer.Ordinal).Count(),
        ["camera"] = words.Count(w => PromptText.InLexicon(w, PromptLexicon.CameraTerms)),
        ["characters"] = words.Where(w => PromptText.InLexicon(w, PromptLexicon.Characters)).Select(PromptText.Stem).Distinct(StringComparer.Ordinal).Count(),
        ["duration"] = Math.Max(0, durationSeconds - 2),
    };

    private static bool IsSubject(string word) =>
        word.Length >= 3
        && !char.IsAsciiDigit(word[0])
        && !PromptText.StopWords.Contains(word)
        && !PromptLexicon.Sequencing.Contains(word)
        && !PromptLexicon.Modifiers.Contains(word)
        && !word.EndsWith("ly", StringComparison.Ordinal)
        && !PromptText.InLexicon(word, PromptLexicon.ActionVerbs)
        && !PromptText.InLexicon(word, PromptLexicon.CameraTerms);

    private static int Importance(string word) =>
        PromptText.InLexicon(word, PromptLexicon.Characters) ? 3 : PromptText.InLexicon(word, PromptLexicon.Locations) ? 2 : 0;
}
