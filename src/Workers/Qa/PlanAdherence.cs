using System.Globalization;
using System.Text;

namespace AiProd.Workers.Qa;

/// <summary>
/// How much of the prompt the words a viewer gets (captions, narration) keep, as a lexical measure: the share of the
/// prompt's content words (stop words removed, plural/-ing/-ed endings stripped) that appear in those texts. Synonyms do
/// not count; a caption that talks about something else does not match. (The consistency scorer's narrative flow uses
/// sentence embeddings instead: <see cref="Consistency.NarrativeFlow"/>.)
/// </summary>
/// <param name="Score">0 to 10.</param>
/// <param name="Basis">The counts it came from.</param>
public sealed record PlanAdherence(double Score, string Basis)
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "into", "onto", "from", "over", "under", "that", "this", "these", "those", "its", "their",
        "are", "was", "were", "has", "have", "had", "then", "than", "very", "some", "any", "all", "who", "what", "where",
        "when", "while", "out", "off", "about", "through", "across", "video", "shot", "scene", "show", "shows", "showing",
    };

    /// <summary>The measure, or null when there is no viewer-facing text to compare (nothing was measured).</summary>
    public static PlanAdherence? Measure(string prompt, IEnumerable<string> viewerTexts)
    {
        var promptWords = ContentWords(prompt);
        var texts = viewerTexts.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (promptWords.Count == 0 || texts.Count == 0)
            return null;
        var seen = ContentWords(string.Join(' ', texts));
        var kept = promptWords.Count(seen.Contains);
        var score = Math.Round(10.0 * kept / promptWords.Count, 2);
        return new PlanAdherence(score, string.Create(CultureInfo.InvariantCulture,
            $"lexical: {kept} of {promptWords.Count} prompt content words appear in {texts.Count} caption/narration text(s)"));
    }

    /// <summary>Lower-cased words of three letters or more, minus stop words, with common English endings stripped.</summary>
    public static HashSet<string> ContentWords(string text) => new(ContentTokens(text), StringComparer.Ordinal);

    /// <summary>The content words of <paramref name="text"/> in order, repeats kept (for term frequencies).</summary>
    public static List<string> ContentTokens(string text)
    {
        var words = new List<string>();
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        foreach (var raw in folded.Split(c => !char.IsLetter(c)))
        {
            if (raw.Length < 3 || StopWords.Contains(raw))
                continue;
            words.Add(Stem(raw));
        }
        return words;
    }

    private static string Stem(string w)
    {
        foreach (var suffix in new[] { "ing", "ies", "ed", "es", "s" })
        {
            if (w.Length - suffix.Length >= 3 && w.EndsWith(suffix, StringComparison.Ordinal))
                return suffix == "ies" ? w[..^3] + "y" : w[..^suffix.Length];
        }
        return w;
    }
}

file static class SplitExtensions
{
    public static string[] Split(this string text, Func<char, bool> separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (separator(c))
            {
                if (current.Length > 0)
                    parts.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
        }
        if (current.Length > 0)
            parts.Add(current.ToString());
        return [.. parts];
    }
}
