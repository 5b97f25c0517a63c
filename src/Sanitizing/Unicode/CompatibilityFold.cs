using System.Globalization;
using System.Text;

namespace AiProd.Sanitizing;

/// <summary>
/// NFKC for the characters that matter to a video prompt, without ICU: look-alike Latin (fullwidth "ｉｇｎｏｒｅ",
/// mathematical "𝐢𝐠𝐧𝐨𝐫𝐞", circled "ⓘ", ligatures "ﬁ", super- and subscripts) becomes plain Latin, the odd spaces
/// become spaces, and a Latin letter followed by a combining accent is composed ("e" + U+0301 → "é"). Everything
/// else, CJK and accented letters included, passes through unchanged, so "café" and Japanese text survive intact.
/// </summary>
public static class CompatibilityFold
{
    /// <summary>The folded text; the same instance when nothing changed.</summary>
    public static string Apply(string text)
    {
        if (!NeedsWork(text))
            return text;

        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (UnicodeData.Folds.TryGetValue(rune.Value, out var folded))
            {
                foreach (var c in folded)
                    Append(sb, c);
            }
            else if (rune.IsBmp)
            {
                Append(sb, (char)rune.Value);
            }
            else
            {
                sb.Append(rune.ToString());
            }
        }

        var result = sb.ToString();
        return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
    }

    /// <summary>Appends <paramref name="c"/>, composing it with the letter before when it is an accent that has a precomposed form.</summary>
    private static void Append(StringBuilder sb, char c)
    {
        if (sb.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark
            && UnicodeData.Compositions.TryGetValue((sb[^1], c), out var composed))
        {
            sb[^1] = composed;
        }
        else
        {
            sb.Append(c);
        }
    }

    // Plain ASCII (the common case) has nothing to fold.
    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u00A0')
                return true;
        }

        return false;
    }
}
