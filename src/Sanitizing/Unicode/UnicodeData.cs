using System.Collections.Frozen;
using System.Globalization;

namespace AiProd.Sanitizing;

/// <summary>
/// The two Unicode tables the sanitizer needs, read once from the assembly: NFKC of single code points in the
/// blocks that carry look-alike Latin (fullwidth, mathematical, enclosed, ligatures, super/subscripts, spaces), and
/// the canonical compositions of Latin letters. Both were taken from ICU (see README.md beside them).
/// </summary>
internal static class UnicodeData
{
    /// <summary>Code point → its NFKC replacement.</summary>
    public static readonly FrozenDictionary<int, string> Folds = ReadFolds();

    /// <summary>(base letter, combining mark) → the precomposed letter.</summary>
    public static readonly FrozenDictionary<(char Base, char Mark), char> Compositions;

    /// <summary>Precomposed Latin letter → the letter it is built on (one mark removed).</summary>
    public static readonly FrozenDictionary<char, char> BaseLetters;

    static UnicodeData()
    {
        var pairs = Lines("compositions").Select(f => (Base: (char)Hex(f[0]), Mark: (char)Hex(f[1]), Composed: (char)Hex(f[2]))).ToList();
        Compositions = pairs.ToFrozenDictionary(p => (p.Base, p.Mark), p => p.Composed);
        BaseLetters = pairs.ToFrozenDictionary(p => p.Composed, p => p.Base);
    }

    private static FrozenDictionary<int, string> ReadFolds()
    {
        var folds = new Dictionary<int, string>();
        foreach (var fields in Lines("nfkc-folds"))
        {
            var range = fields[0].Split('-');
            var (first, last) = (Hex(range[0]), Hex(range[^1]));
            var replacement = fields[1..].Select(Hex).ToArray();
            for (var cp = first; cp <= last; cp++)
            {
                // In a range the single replacement advances with the code point.
                folds[cp] = first == last
                    ? string.Concat(replacement.Select(char.ConvertFromUtf32))
                    : char.ConvertFromUtf32(replacement[0] + (cp - first));
            }
        }

        return folds.ToFrozenDictionary();
    }

    private static int Hex(string field) => int.Parse(field, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static List<string[]> Lines(string name)
    {
        using var stream = typeof(UnicodeData).Assembly.GetManifestResourceStream($"AiProd.Sanitizing.Unicode.{name}.txt")
            ?? throw new InvalidOperationException($"The Unicode table {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var lines = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
                lines.Add(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        return lines;
    }
}
