using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AiProd.Sanitizing;

/// <summary>What cleaning did to a prompt, so the sanitizer can warn about it.</summary>
/// <param name="Text">The cleaned prompt.</param>
/// <param name="InvisibleRemoved">Control, zero-width, bidi and tag characters removed.</param>
/// <param name="MarkupRemoved">Whether tags, entities or markdown links were taken out.</param>
/// <param name="Folded">Whether look-alike characters were written plainly (<see cref="CompatibilityFold"/>).</param>
public sealed record CleanedText(string Text, int InvisibleRemoved, bool MarkupRemoved, bool Folded = false);

/// <summary>
/// Turns a prompt into plain text: invisible characters out, look-alike characters folded (NFKC for fullwidth,
/// styled and enclosed letters, ligatures and odd spaces), markup out (keeping the words a person would read),
/// whitespace collapsed. Invisible characters go first so that "ig\u200Bnore" cannot slip past later checks.
/// </summary>
public static partial class MarkupStripper
{
    /// <summary>
    /// Removes control, zero-width (U+200B–200D, 2060, FEFF), bidi (U+202A–202E, 2066–2069, 200E/F, 061C) and tag
    /// characters (U+E0000–E007F, which can smuggle hidden text); tabs and line breaks become spaces.
    /// </summary>
    public static string RemoveInvisible(string text, out int removed)
    {
        removed = 0;
        if (!text.AsSpan().ContainsAnyExcept(PlainVisible))
            return text;
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is '\t' or '\n' or '\r')
            {
                sb.Append(' ');
            }
            else if (IsInvisible(rune))
            {
                removed++;
            }
            else
            {
                sb.Append(rune.ToString());
            }
        }

        return sb.ToString();
    }

    /// <summary>The full clean-up; the result is what every later stage reads.</summary>
    public static CleanedText Clean(string text)
    {
        var visible = RemoveInvisible(text, out var invisible);
        var folded = CompatibilityFold.Apply(visible);

        // Entities are decoded before tags are removed, so an encoded tag ("&lt;b&gt;") is removed too.
        var stripped = WebUtility.HtmlDecode(folded);
        if (stripped.Contains('<', StringComparison.Ordinal))
        {
            stripped = ScriptOrStyleBlock().Replace(stripped, " ");
            stripped = HtmlComment().Replace(stripped, " ");
        }

        if (stripped.Contains("](", StringComparison.Ordinal))
        {
            stripped = MarkdownImage().Replace(stripped, "$1");
            stripped = MarkdownLink().Replace(stripped, "$1");
        }

        if (stripped.Contains('<', StringComparison.Ordinal))
            stripped = HtmlTag().Replace(stripped, " ");
        var markupRemoved = !string.Equals(stripped, folded, StringComparison.Ordinal);

        // Decoding can produce new invisible or look-alike characters (&#8203;, &#65353;), so both steps run once more.
        var cleaned = RemoveInvisible(stripped, out var decodedInvisible);
        var refolded = CompatibilityFold.Apply(cleaned);
        var wasFolded = !ReferenceEquals(folded, visible) || !ReferenceEquals(refolded, cleaned);
        cleaned = Whitespace().Replace(refolded, " ").Trim();
        return new CleanedText(cleaned, invisible + decodedInvisible, markupRemoved, wasFolded);
    }

    // Printable ASCII: nothing in it is invisible, so most prompts skip the character-by-character pass.
    private static readonly SearchValues<char> PlainVisible = SearchValues.Create([.. Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c)]);

    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
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
