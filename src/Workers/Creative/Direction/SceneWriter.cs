using System.Globalization;
using System.Text.RegularExpressions;
using AiProd.Workers.Common;

namespace AiProd.Workers.Creative.Direction;

/// <summary>Writes titles and scene descriptions from the prompt and its subjects.</summary>
public static partial class SceneWriter
{
    private const int MaxTitleWords = 7;
    private const int MaxTitleLength = 60;
    private const int MaxSummaryLength = 140;

    private static readonly HashSet<string> MinorWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "into", "through", "over", "as",
    };

    /// <summary>The prompt's first clause, in title case, at most seven words.</summary>
    public static string Title(string prompt)
    {
        var clause = ClauseEnd().Split(prompt.Trim(), 2)[0];
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxTitleWords).ToList();
        if (words.Count == 0)
            return "Untitled";

        // A title never ends on "a" or "the" just because the word limit fell there.
        while (words.Count > 1 && MinorWords.Contains(words[^1].ToLowerInvariant()))
            words.RemoveAt(words.Count - 1);

        var titled = words.Select((w, i) => i > 0 && MinorWords.Contains(w.ToLowerInvariant()) ? w.ToLowerInvariant() : Capitalise(w));
        return PromptText.Truncate(string.Join(' ', titled), MaxTitleLength);
    }

    /// <summary>What happens in a scene: the prompt's first sentence, framed by the beat and focused on one subject.</summary>
    public static string Describe(string prompt, IReadOnlyList<string> subjects, string beat, int index)
    {
        // The climax belongs to the most important subject; other scenes walk through the rest in order.
        var focus = subjects.Count == 0 ? "main subject" : beat == NarrativeArc.Climax ? subjects[0] : subjects[index % subjects.Count];
        var summary = Summary(prompt);
        return beat switch
        {
            NarrativeArc.Setup => $"Opening: {summary}; the {focus} is introduced in its setting.",
            NarrativeArc.Rising => $"Building: the {focus} comes forward as the action grows; {summary}.",
            NarrativeArc.Climax => $"Key moment: {summary}, centred on the {focus}.",
            NarrativeArc.Falling => $"Aftermath: the {focus} as the energy settles; {summary}.",
            _ => $"Closing: the {focus} at rest as the story ends; {summary}.",
        };
    }

    /// <summary>
    /// A scene re-anchored on the prompt (for "follow-the-prompt"): it leads with its subject and the prompt's first
    /// sentence, so the caption (the text before the ";") and every shot prompt carry the prompt's words.
    /// </summary>
    public static string Anchored(string prompt, IReadOnlyList<string> subjects, string beat, int index)
    {
        var focus = subjects.Count == 0 ? "main subject" : beat == NarrativeArc.Climax ? subjects[0] : subjects[index % subjects.Count];
        var anchor = $"the {focus} — {Summary(prompt)}";
        return beat switch
        {
            NarrativeArc.Setup => $"Opening: {anchor}; introduced in its setting.",
            NarrativeArc.Rising => $"Building: {anchor}; coming forward as the action grows.",
            NarrativeArc.Climax => $"Key moment: {anchor}; at the centre of the frame.",
            NarrativeArc.Falling => $"Aftermath: {anchor}; as the energy settles.",
            _ => $"Closing: {anchor}; at rest as the story ends.",
        };
    }

    /// <summary>What every re-anchored scene repeats: the prompt's first sentence, as scenes quote it.</summary>
    public static string Anchor(string prompt) => Summary(prompt);

    /// <summary>
    /// The voice-over line of a scene: short enough to be spoken inside it (about 2.3 words a second at normal speed),
    /// and different for every beat so no line repeats.
    /// </summary>
    public static string Narrate(string prompt, IReadOnlyList<string> subjects, string beat, int index, double seconds, double speechRate = 1.0)
    {
        var focus = subjects.Count == 0 ? "scene" : beat == NarrativeArc.Climax ? subjects[0] : subjects[index % subjects.Count];
        var summary = Summary(prompt);
        var line = beat switch
        {
            NarrativeArc.Setup => $"{Capitalise(summary)}.",
            NarrativeArc.Rising => $"The {focus} comes forward.",
            NarrativeArc.Climax => $"This is the moment of the {focus}.",
            NarrativeArc.Falling => $"Slowly, the {focus} settles.",
            _ => $"And the {focus} rests at last.",
        };
        var budget = Math.Max(3, (int)Math.Floor((seconds - 0.6) * 2.3 * speechRate));
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= budget ? line : string.Join(' ', words.Take(budget)).TrimEnd(',', ';', '.') + ".";
    }

    private static string Summary(string prompt)
    {
        var sentence = SentenceEnd().Split(prompt.Trim(), 2)[0].TrimEnd('.', '!', '?', ' ');
        var summary = PromptText.Truncate(sentence, MaxSummaryLength);
        var firstSpace = summary.IndexOf(' ', StringComparison.Ordinal);
        var firstWord = firstSpace < 0 ? summary : summary[..firstSpace];

        // "A fox runs" reads as "Key moment: a fox runs"; names and acronyms keep their capitals.
        return PromptText.StopWords.Contains(firstWord.ToLowerInvariant()) && firstWord.Length > 0
            ? char.ToLowerInvariant(summary[0]) + summary[1..]
            : summary;
    }

    private static string Capitalise(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];

    [GeneratedRegex(@"[.!?;:,]\s|[.!?]$", RegexOptions.None, 1000)]
    private static partial Regex ClauseEnd();

    [GeneratedRegex(@"[.!?]\s", RegexOptions.None, 1000)]
    private static partial Regex SentenceEnd();
}
