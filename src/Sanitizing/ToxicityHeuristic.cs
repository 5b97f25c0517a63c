using System.Text;
using System.Text.RegularExpressions;

namespace AiProd.Sanitizing;

/// <summary>The heuristic's verdict: a 0–1 score and the lexicon terms that produced it.</summary>
/// <param name="Score">Noisy-OR of the weights of the distinct terms found.</param>
/// <param name="Terms">Triggered terms as "category: term", strongest first.</param>
public sealed record ToxicityResult(double Score, IReadOnlyList<string> Terms);

/// <summary>
/// A weighted-lexicon toxicity heuristic. It is a first line, not a classifier: a hosted moderation model can sit
/// behind it in distributed mode. Weights reflect how rarely a term appears in a legitimate video brief: "kill"
/// (a knight kills a dragon) only warns on its own, while unambiguous terms reject on their own.
/// Terms combine as a noisy OR, 1 − Π(1 − w), so several mild terms add up without ever exceeding 1.
/// </summary>
public static class ToxicityHeuristic
{
    private sealed record Entry(string Category, string Term, double Weight, Regex Pattern);

    private static readonly Entry[] Lexicon =
    [
        .. Category("violence",
            ("kill", 0.45, "kill|kills|killed|killing"), ("murder", 0.6, "murders?|murdered|murdering"),
            ("massacre", 0.8, "massacres?|massacred"), ("slaughter", 0.6, "slaughters?|slaughtered|slaughtering"),
            ("torture", 0.8, "tortures?|tortured|torturing"), ("behead", 0.9, "beheads?|beheaded|beheading"),
            ("mutilate", 0.9, "mutilates?|mutilated|mutilating|mutilation"), ("gore", 0.7, "gore|gory"),
            ("bloodbath", 0.6, "bloodbath"), ("stab", 0.45, "stabs?|stabbed|stabbing"), ("shoot up", 0.7, "shoot\\s+up")),
        .. Category("hate",
            ("subhuman", 0.9, "subhumans?"), ("ethnic cleansing", 0.95, "ethnic\\s+cleansing"), ("genocide", 0.8, "genocides?"),
            ("white power", 0.9, "white\\s+power"), ("racial purity", 0.85, "racial\\s+purity"),
            ("exterminate", 0.6, "exterminate|exterminated|exterminating"), ("nazi", 0.5, "nazis?")),
        .. Category("sexual",
            ("porn", 0.95, "porn|porno|pornographic|pornography"), ("xxx", 0.9, "xxx"), ("nsfw", 0.8, "nsfw"),
            ("explicit sex", 0.95, "explicit\\s+sex(?:ual)?"), ("sex", 0.6, "sex|sexual|sexy"), ("nude", 0.6, "nude|nudes|nudity"),
            ("naked", 0.5, "naked"), ("erotic", 0.7, "erotic|erotica")),
        .. Category("self-harm",
            ("suicide", 0.8, "suicide|suicidal"), ("self-harm", 0.9, "self[\\s-]*harm(?:ing)?"),
            ("kill myself", 1.0, "kill\\s+(?:my|him|her|them)sel(?:f|ves)"), ("cut myself", 0.9, "cut(?:ting)?\\s+myself"),
            ("hang myself", 1.0, "hang(?:ing)?\\s+myself"), ("overdose", 0.6, "overdoses?|overdosed")),
    ];

    /// <summary>Scores <paramref name="text"/>; an empty text scores 0.</summary>
    public static ToxicityResult Score(string text)
    {
        var normalised = Normalise(text);
        var found = Lexicon.Where(e => e.Pattern.IsMatch(normalised))
            .OrderByDescending(e => e.Weight)
            .ThenBy(e => e.Term, StringComparer.Ordinal)
            .ToList();
        var clean = found.Aggregate(1.0, (acc, e) => acc * (1 - e.Weight));
        return new ToxicityResult(Math.Round(1 - clean, 4), found.Select(e => $"{e.Category}: {e.Term}").ToList());
    }

    /// <summary>
    /// Lower case and common leetspeak undone ("k1ll" → "kill", "s3x" → "sex"). Digits standing alone
    /// ("30 seconds") are left alone so numbers do not turn into words.
    /// </summary>
    internal static string Normalise(string text)
    {
        var lower = text.ToLowerInvariant();
        var sb = new StringBuilder(lower.Length);
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            var letterBefore = i > 0 && char.IsLetter(lower[i - 1]);
            var letterAfter = i + 1 < lower.Length && char.IsLetter(lower[i + 1]);

            // Digits count as letters next to any letter ("s3x"); symbols only inside a word, so "run!" stays "run!".
            var inWord = char.IsAsciiDigit(c) ? letterBefore || letterAfter : letterBefore && letterAfter;
            sb.Append(inWord ? Leet(c) : c);
        }

        return sb.ToString();
    }

    private static char Leet(char c) => c switch
    {
        '0' => 'o',
        '1' or '!' or '|' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' or '+' => 't',
        '8' => 'b',
        _ => c,
    };

    private static IEnumerable<Entry> Category(string category, params (string Term, double Weight, string Forms)[] terms) =>
        terms.Select(t => new Entry(category, t.Term, t.Weight,
            new Regex($@"\b(?:{t.Forms})\b", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1))));
}
