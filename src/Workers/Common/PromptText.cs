using System.Text.RegularExpressions;

namespace AiProd.Workers.Common;

/// <summary>Word-level helpers shared by the analyzer, the director and the visual translator.</summary>
public static partial class PromptText
{
    /// <summary>Function words that never name a subject.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "of", "in", "on", "at", "to", "for", "from", "by",
        "with", "without", "into", "onto", "over", "under", "through", "across", "around", "between", "behind", "above",
        "below", "near", "beside", "along", "toward", "towards", "as", "is", "are", "was", "were", "be", "been", "being",
        "it", "its", "this", "that", "these", "those", "there", "here", "their", "his", "her", "hers", "him", "he", "she",
        "they", "them", "we", "us", "our", "you", "your", "i", "me", "my", "some", "any", "all", "each", "every", "very",
        "just", "up", "down", "out", "off", "then", "while", "after", "before", "when", "where", "finally", "next",
        "meanwhile", "suddenly", "later", "until", "during", "again", "also", "not", "no", "has", "have", "had", "does",
        "do", "did", "can", "could", "will", "would", "should", "may", "might", "one", "two", "three", "video", "scene",
        "clip", "showing", "shows", "show", "s", "about", "like", "than", "too", "more", "most", "much", "many", "past",
        "against", "upon", "within", "beyond", "inside", "outside", "among", "what", "which", "who", "whose", "how",
    };

    /// <summary>Lower-case words of <paramref name="text"/> in order (letters, digits, inner hyphens and apostrophes).</summary>
    public static IReadOnlyList<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();

    /// <summary>Crude stem that lets "runs", "running" and "ran"-free lexicons match one entry ("run").</summary>
    public static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            var stem = word[..^3];
            return stem.Length > 2 && stem[^1] == stem[^2] ? stem[..^1] : stem;
        }

        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal)
            && (word[..^2].EndsWith("sh", StringComparison.Ordinal) || word[..^2].EndsWith("ch", StringComparison.Ordinal)
                || word[..^2].EndsWith("ss", StringComparison.Ordinal) || "xz".Contains(word[^3], StringComparison.Ordinal)))
        {
            return word[..^2];
        }

        return word.Length > 3 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;
    }

    /// <summary>Whether <paramref name="word"/> or its stem is in <paramref name="lexicon"/> ("dancing" → "danc" + "e").</summary>
    public static bool InLexicon(string word, IReadOnlySet<string> lexicon)
    {
        if (lexicon.Contains(word))
        {
            return true;
        }

        var stem = Stem(word);
        return lexicon.Contains(stem) || lexicon.Contains(stem + "e");
    }

    /// <summary>Whether any of <paramref name="keywords"/> occurs in <paramref name="text"/> as a whole word or phrase.</summary>
    public static bool ContainsAny(string text, IEnumerable<string> keywords) =>
        keywords.Any(k => Regex.IsMatch(text, $@"\b{Regex.Escape(k)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="max"/> characters at a word boundary.</summary>
    public static string Truncate(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text[..(max - 3)];
        var space = cut.LastIndexOf(' ');
        return (space > max / 2 ? cut[..space] : cut).TrimEnd(',', ';', ':', ' ', '-') + "...";
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
