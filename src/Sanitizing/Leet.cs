using System.Text;

namespace AiProd.Sanitizing;

/// <summary>
/// Undoes leetspeak inside words: digits next to a letter ("k1ll", "1d10t"), "$" and "@" at a word's edge ("$hit",
/// "@ss"), "!", "|" and "+" only between letters ("id!ot"), so "30 seconds", "Run!" and "@maria" stay as they are.
/// </summary>
internal static class Leet
{
    public static bool IsLetterish(char c) => char.IsLetter(c) || Of(c, alternate: false) != c;

    /// <summary>The "i" reading and, when an ambiguous "1", "!" or "|" was read, the "l" reading (else null).</summary>
    public static (string Primary, string? Alternate) Undo(string text)
    {
        if (!HasCandidate(text))
            return (text, null);
        var primary = new StringBuilder(text.Length);
        var alternate = new StringBuilder(text.Length);
        var ambiguous = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var mapped = Of(c, alternate: false);
            if (mapped == c || !InWord(text, i))
            {
                primary.Append(c);
                alternate.Append(c);
                continue;
            }

            var other = Of(c, alternate: true);
            ambiguous |= other != mapped;
            primary.Append(mapped);
            alternate.Append(other);
        }

        return (primary.ToString(), ambiguous ? alternate.ToString() : null);
    }

    private static bool InWord(string text, int i)
    {
        var (left, right) = (LetterReached(text, i, -1), LetterReached(text, i, +1));
        return text[i] switch
        {
            // A lone "1", "4" or "@" between words is the word "I" or "a" ("1 will", "is 4 stupid").
            '1' or '4' => left || right || Lone(text, i),
            >= '0' and <= '9' or '$' => left || right,
            '@' => (left && right) || (!left && string.CompareOrdinal(text, i + 1, "ss", 0, 2) == 0) || Lone(text, i),
            // At a word's start too ("!gnorant"), never at its end ("Run!").
            _ => right && (left || i == 0 || text[i - 1] == ' '),
        };
    }

    private static bool Lone(string text, int i) =>
        (i == 0 || text[i - 1] == ' ') && (i + 1 == text.Length || text[i + 1] == ' ') && (i > 0 || i + 1 < text.Length);

    // Whether a letter lies in that direction, stepping over other leet characters only ("1d10t": the "0" reaches "t").
    private static bool LetterReached(string text, int i, int step)
    {
        for (var j = i + step; j >= 0 && j < text.Length; j += step)
        {
            if (char.IsLetter(text[j]))
                return true;
            if (Of(text[j], alternate: false) == text[j])
                return false;
        }

        return false;
    }

    private static bool HasCandidate(string text)
    {
        foreach (var c in text)
        {
            if (Of(c, alternate: false) != c)
                return true;
        }

        return false;
    }

    private static char Of(char c, bool alternate) => c switch
    {
        '0' => 'o',
        '1' or '!' or '|' => alternate ? 'l' : 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' or '+' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => c,
    };
}
