using System.Collections.Frozen;

namespace AiProd.Sanitizing;

/// <summary>
/// Slurs, kept ROT13-encoded so this file reads cleanly; decoded once at start-up. A slur is reported by its kind
/// ("slur (racial)"), never spelled out, so no message echoes one back.
/// </summary>
internal static class Slurs
{
    private static readonly (string Kind, double Weight, string[] Encoded)[] Encoded =
    [
        ("racial", 0.9, ["avttre", "avttn", "fcvp", "puvax", "tbbx", "jrgonpx", "enturnq", "gbjryurnq", "ornare", "fnaqavttre",
            "mvccreurnq", "wvtnobb", "cbepuzbaxrl", "cnxv", "fcvpx"]),
        ("antisemitic", 0.9, ["xvxr", "xlxr"]),
        ("homophobic", 0.9, ["snttbg", "snt", "snttvg"]),
        ("transphobic", 0.9, ["genaal", "furznyr"]),
        ("ableist", 0.8, ["ergneq", "ergneqrq"]),
        // Misogynistic slurs are also common insults; alone they only warn, aimed at someone they reject.
        ("misogynistic", 0.6, ["phag", "juber", "fyhg", "fxnax"]),
    ];

    /// <summary>Decoded slur (and its plural) → its kind and weight.</summary>
    public static readonly FrozenDictionary<string, (string Kind, double Weight)> ByWord = Encoded
        .SelectMany(g => g.Encoded.Select(Rot13).SelectMany(w => new[] { w, w + "s", w + "z", w.EndsWith('y') ? w[..^1] + "ies" : w + "es" }).Select(w => (w, g.Kind, g.Weight)))
        .DistinctBy(e => e.w)
        .ToFrozenDictionary(e => e.w, e => (e.Kind, e.Weight), StringComparer.Ordinal);

    public static IEnumerable<string> Words => ByWord.Keys;

    /// <summary>The lemma of a slur ("...s" → "..."), or null when the word is not one.</summary>
    public static string? Lemma(string word)
    {
        if (!ByWord.ContainsKey(word))
            return null;
        if (word.EndsWith("ies", StringComparison.Ordinal) && ByWord.ContainsKey(word[..^3] + "y"))
            return word[..^3] + "y";
        if (word.EndsWith("es", StringComparison.Ordinal) && ByWord.ContainsKey(word[..^2]))
            return word[..^2];
        return word.Length > 3 && word[^1] is 's' or 'z' && ByWord.ContainsKey(word[..^1]) ? word[..^1] : word;
    }

    internal static string Rot13(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= 'a' and <= 'z' ? (char)('a' + ((c - 'a' + 13) % 26)) : c;
            }
        });
}
