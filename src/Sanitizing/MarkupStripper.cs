using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AiProd.Sanitizing;

/// <summary>What cleaning did to a prompt, so the sanitizer can warn about it.</summary>
public sealed record CleanedText(string Text, int InvisibleRemoved, bool MarkupRemoved);

/// <summary>
/// Turns a prompt into plain text: invisible characters out, markup out (keeping the words a person would read),
/// whitespace collapsed. Invisible characters go first so that "ig\u200Bnore" cannot slip past later checks.
/// </summary>
public static partial class MarkupStripper
{
    /// <summary>Removes control, zero-width and bidi characters; tabs and line breaks become spaces.</summary>
    public static string RemoveInvisible(string text, out int removed)
    {
        var sb = new StringBuilder(text.Length);
        removed = 0;
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r')
            {
                sb.Append(' ');
            }
            else if (IsInvisible(c))
            {
                removed++;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The full clean-up; the result is what every later stage reads.</summary>
    public static CleanedText Clean(string text)
    {
        var visible = RemoveInvisible(text, out var invisible);

        // Entities are decoded before tags are removed, so an encoded tag ("&lt;b&gt;") is removed too.
        var decoded = WebUtility.HtmlDecode(visible);
        var stripped = ScriptOrStyleBlock().Replace(decoded, " ");
        stripped = HtmlComment().Replace(stripped, " ");
        stripped = MarkdownImage().Replace(stripped, "$1");
        stripped = MarkdownLink().Replace(stripped, "$1");
        stripped = HtmlTag().Replace(stripped, " ");
        var markupRemoved = !string.Equals(stripped, visible, StringComparison.Ordinal);

        // Decoding can produce new invisible characters (&#8203;), so they are removed once more.
        var cleaned = RemoveInvisible(stripped, out var decodedInvisible);
        cleaned = Whitespace().Replace(cleaned, " ").Trim();
        return new CleanedText(cleaned, invisible + decodedInvisible, markupRemoved);
    }

    private static bool IsInvisible(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    [GeneratedRegex(@"<\s*(script|style)\b[^>]*>.*?(<\s*/\s*\1\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ScriptOrStyleBlock();

    [GeneratedRegex(@"<!--.*?(-->|$)", RegexOptions.Singleline, 1000)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)", RegexOptions.None, 1000)]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)", RegexOptions.None, 1000)]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z!?][^<>]*>", RegexOptions.None, 1000)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\s+", RegexOptions.None, 1000)]
    private static partial Regex Whitespace();
}
