using System.Buffers;
using System.Globalization;
using System.Text;

namespace AiProd.Sanitizing;

/// <summary>
/// The copies of a prompt that the detectors read, never the one handed on: look-alike letters mapped to Latin
/// (<see cref="Confusables"/>), accents taken off, leetspeak undone ("k1ll" → "kill", "$hit" → "shit"), dots inside
/// words dropped ("ign.ore") and spelled-out words joined ("i g n o r e", "k-i-l-l"). A "1" or "|" can stand for
/// "i" or "l", so when one was read, <see cref="Alternate"/> holds the "l" reading.
/// </summary>
public sealed record DetectionText(string Skeleton, string? Alternate)
{
    /// <summary>Every copy to check.</summary>
    public IEnumerable<string> Copies => Alternate is null ? [Skeleton] : [Skeleton, Alternate];

    /// <summary>The detection copies of <paramref name="text"/> (best the cleaned prompt).</summary>
    public static DetectionText Of(string text)
    {
        var letters = Letters(text);
        var (primary, alternate) = Leet.Undo(DropInnerDots(letters));
        return new DetectionText(SpelledWords.Join(primary), alternate is null ? null : SpelledWords.Join(alternate));
    }

    /// <summary>Latin look-alikes for every letter; accents, joiners and controls dropped.</summary>
    internal static string Letters(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~'))
            return text;
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (UnicodeData.Folds.TryGetValue(rune.Value, out var folded))
            {
                foreach (var c in folded)
                    AppendLetter(sb, new Rune(c));
            }
            else
            {
                AppendLetter(sb, rune);
            }
        }

        return sb.ToString();
    }

    private static void AppendLetter(StringBuilder sb, Rune rune)
    {
        if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.Control)
            return;
        if (rune.IsBmp)
        {
            var c = (char)rune.Value;
            while (UnicodeData.BaseLetters.TryGetValue(c, out var plain))
                c = plain;
            rune = new Rune(c);
        }

        if (!Confusables.TryAppend(sb, rune))
            sb.Append(rune.ToString());
    }

    /// <summary>"ign.ore" → "ignore"; "you.I" stays, a sentence ending without its space.</summary>
    private static string DropInnerDots(string text)
    {
        var first = -1;
        for (var i = text.AsSpan().IndexOfAny(InnerSeparators); i >= 0 && i < text.Length; i++)
        {
            if (IsInner(text, i))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
            return text;
        var sb = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (!IsInner(text, i))
                sb.Append(text[i]);
        }

        return sb.ToString();
    }

    private static bool IsInner(string text, int i) =>
        InnerSeparators.Contains(text[i]) && i > 0 && i + 1 < text.Length
            && Leet.IsLetterish(text[i - 1]) && Leet.IsLetterish(text[i + 1])
            && !(char.IsLower(text[i - 1]) && char.IsUpper(text[i + 1]));

    private static readonly SearchValues<char> InnerSeparators = SearchValues.Create(".·•_");
}
