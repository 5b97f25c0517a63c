using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace AiProd.Sanitizing;

/// <summary>
/// Joins words spelled out letter by letter, "i g n o r e" or "k-i-l-l" (three letters or more), and splits the
/// joined letters back into the words the detectors know ("k i l l y o u" → "kill you") when they divide exactly.
/// </summary>
internal static partial class SpelledWords
{
    /// <summary>Words the split may produce: the detectors' own, and the small words between them.</summary>
    internal static readonly FrozenSet<string> Vocabulary = InjectionDetector.Keywords
        .Concat(ToxicityLexicon.Words)
        .Concat(["i", "a", "u", "you", "your", "yourself", "will", "should", "go", "and", "to", "the", "all", "now", "just", "me", "my", "im", "ill", "we", "is", "are", "so", "an"])
        .ToFrozenSet(StringComparer.Ordinal);

    public static string Join(string text)
    {
        if (!SpelledOut().IsMatch(text))
            return text;
        text = SeparatedLetters().Replace(text, m => Split(string.Concat(m.Groups["l"].Captures.Select(c => c.Value))));
        return SpacedLetters().Replace(text, m => Split(m.Value.Replace(" ", "", StringComparison.Ordinal)));
    }

    /// <summary>The fewest known words that make up <paramref name="letters"/> exactly, space-separated; else the letters.</summary>
    internal static string Split(string letters)
    {
        var lower = letters.ToLowerInvariant();
        var n = lower.Length;
        var best = new int[n + 1];
        var from = new int[n + 1];
        Array.Fill(best, int.MaxValue);
        best[0] = 0;
        for (var end = 1; end <= n; end++)
        {
            for (var start = Math.Max(0, end - 24); start < end; start++)
            {
                if (best[start] == int.MaxValue || best[start] + 1 >= best[end] || !Vocabulary.Contains(lower[start..end]))
                    continue;
                best[end] = best[start] + 1;
                from[end] = start;
            }
        }

        if (best[n] is int.MaxValue or 1)
            return letters;
        var words = new List<string>();
        for (var end = n; end > 0; end = from[end])
            words.Add(letters[from[end]..end]);
        words.Reverse();
        return string.Join(' ', words);
    }

    // Cheap test first: three single letters in a row, apart by a space or one separator.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{L}[ \-*_/|\\]\p{L}[ \-*_/|\\]\p{L}(?![\p{L}\p{N}])", RegexOptions.None, 1000)]
    private static partial Regex SpelledOut();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<l>\p{L})(?<s>[\-*_/|\\])(?<l>\p{L})(?:\k<s>(?<l>\p{L}))+(?![\p{L}\p{N}])", RegexOptions.None, 1000)]
    private static partial Regex SeparatedLetters();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{L}(?: \p{L}){2,}(?![\p{L}\p{N}])", RegexOptions.None, 1000)]
    private static partial Regex SpacedLetters();
}
