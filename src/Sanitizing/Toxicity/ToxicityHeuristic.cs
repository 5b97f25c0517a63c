using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace AiProd.Sanitizing;

/// <summary>
/// An explainable toxicity scorer for video prompts: threats, insults, slurs, self-harm incitement, harassment and
/// hate speech aimed at someone, and graphic content the video would show. It reads the detection copy (look-alike
/// letters, leetspeak and spelled-out words undone), rewrites harmless senses away ("kill the engine"), then runs
/// <see cref="ToxicityRules"/>. Who is targeted decides most verdicts; the frame adjusts them: inside a story
/// (film, villain, trailer) targeted words count 0.6 of their weight, inside a documentary or awareness piece
/// graphic content counts 0.4. Slurs count everywhere. Weights combine as a noisy OR.
/// A first line, not a classifier: a hosted moderation model can sit behind it in distributed mode.
/// </summary>
public static partial class ToxicityHeuristic
{
    internal const double StoryFactor = 0.6;
    internal const double ReportFactor = 0.4;

    private static readonly FrozenSet<string> StoryWords = Words(
        "film", "films", "movie", "movies", "trailer", "scene", "villain", "villains", "character", "characters", "actor",
        "actress", "hero", "heroine", "antagonist", "protagonist", "story", "novel", "comic", "cartoon", "anime", "theatre",
        "theater", "horror", "thriller", "dialogue", "monologue", "screenplay", "narrator", "sketch", "episode", "sitcom",
        "drama", "superhero", "supervillain", "game", "videogame", "musical", "opera", "play");

    private static readonly FrozenSet<string> ReportWords = Words(
        "documentary", "history", "historical", "museum", "memorial", "news", "report", "reporting", "education",
        "educational", "lesson", "lecture", "awareness", "prevention", "hotline", "helpline", "ww1", "ww2", "wwi", "wwii",
        "war", "battle", "holocaust", "remembrance", "anniversary", "archive", "archival", "biography", "trial", "memorial");

    private static readonly FrozenSet<string> Negations = Words("not", "never", "no", "nobody", "nothing", "neither", "nor");

    private static readonly FrozenSet<string> FirstPerson = Words("i", "we", "me", "us");

    private static readonly FrozenSet<string> OtherSpeakers = Words("someone", "somebody", "anyone", "people", "they", "he", "she", "everyone", "everybody");

    private static readonly FrozenSet<string> Things = Words("it", "this", "that", "which", "these", "those", "what", "the", "thing", "stuff");

    /// <summary>Scores <paramref name="text"/> (the cleaned prompt); an empty text scores 0.</summary>
    public static ToxicityResult Score(string text) => Score(DetectionText.Of(text));

    /// <summary>Scores prepared detection copies; the worse reading counts.</summary>
    public static ToxicityResult Score(DetectionText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Copies.Select(ScoreCopy).MaxBy(r => r.Score) ?? ToxicityResult.Clean;
    }

    internal static string RuleText(string detection) => BenignSenses.Neutralise(ToxicityTokens.Of(detection));

    private static ToxicityResult ScoreCopy(string detection)
    {
        var text = RuleText(detection);
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var story = tokens.Any(StoryWords.Contains);
        var report = tokens.Any(ReportWords.Contains);
        var matches = new List<ToxicityMatch>();

        // Targeted rules first; their words are then blanked so "kill you" is not also counted as the word "kill".
        var blanked = text.ToCharArray();
        foreach (var rule in ToxicityRules.All.Where(r => r.Kind != RuleKind.Content))
        {
            foreach (Match m in rule.Pattern.Matches(text))
            {
                var weight = Weigh(rule, m, text, story, out var category);
                if (weight <= 0)
                    continue;
                matches.Add(new ToxicityMatch(category, Label(rule, m.Value), weight));
                Array.Fill(blanked, '_', m.Index, m.Length);
            }
        }

        // Content rules in table order, each blanking its words: "kill himself" is not also the word "kill".
        foreach (var rule in ToxicityRules.All.Where(r => r.Kind == RuleKind.Content))
        {
            var rest = new string(blanked);
            foreach (Match m in rule.Pattern.Matches(rest))
            {
                matches.Add(new ToxicityMatch(rule.Category, rule.Label ?? rule.Category, rule.Weight * (report ? ReportFactor : 1)));
                Array.Fill(blanked, '_', m.Index, m.Length);
            }
        }

        foreach (var token in tokens)
        {
            if (ToxicityRules.SlurWeight(token, out var kind) is { } w)
                matches.Add(new ToxicityMatch("slur", $"slur ({kind})", w));
        }

        AddIntensifiers(matches, tokens, detection);
        var distinct = matches.GroupBy(m => (m.Category, m.Term)).Select(g => g.MaxBy(m => m.Weight)!)
            .OrderByDescending(m => m.Weight).ThenBy(m => m.Term, StringComparer.Ordinal).ToList();
        var clean = distinct.Aggregate(1.0, (acc, m) => acc * (1 - m.Weight));
        return distinct.Count == 0 ? ToxicityResult.Clean : new ToxicityResult(Math.Round(1 - clean, 4), distinct);
    }

    private static double Weigh(ToxicityRule rule, Match m, string text, bool story, out string category)
    {
        category = rule.Category;
        var before = Before(text, m.Index);
        var negated = before.Take(3).Any(Negations.Contains);
        var speaker = SpeakerOf(before);
        var weight = rule.Kind switch
        {
            RuleKind.Threat => negated ? 0 : speaker switch
            {
                Speaker.Me => Math.Max(rule.Weight, 0.95),
                Speaker.Other => 0.85,
                Speaker.Thing => 0.3,
                _ => rule.Weight,
            },
            RuleKind.ThirdParty => negated ? 0 : speaker switch
            {
                Speaker.Me => rule.Weight,
                Speaker.Other => rule.Weight - 0.05,
                _ => 0,
            },
            RuleKind.Soft => negated ? 0 : speaker == Speaker.Me ? rule.Weight : rule.Weight / 2,
            RuleKind.Chain => negated ? 0 : Chain(rule.Weight, m.Value),
            _ => negated ? 0 : rule.Weight,
        };
        return story && rule.Kind != RuleKind.Slur ? weight * StoryFactor : weight;
    }

    // A chain counts each insult word it holds ("you stupid worthless idiot" is three); a mild one ("clown") counts 0.6.
    private static double Chain(double weight, string chain)
    {
        var clean = 1.0;
        foreach (var w in chain.Split(' '))
        {
            var insult = ToxicityLexicon.InsultNouns.Contains(w) || ToxicityLexicon.InsultAdjectives.Contains(w) || Slurs.ByWord.ContainsKey(w)
                || w is "shit" or "crap" or "waste" or "joke" or "mistake" or "failure" or "nothing" or "nobody" or "disappointment";
            if (insult)
                clean *= 1 - (ToxicityLexicon.MildInsults.Contains(w) ? weight * 0.6 : weight);
        }

        return clean == 1.0 ? weight : 1 - clean;
    }

    private enum Speaker { Unknown, Me, Other, Thing }

    // Who does it: the nearest subject before the verb, within its clause. A clause that opens on "gonna" or
    // "will" with no subject is the writer speaking ("gonna hurt my ex").
    private static Speaker SpeakerOf(IEnumerable<string> before)
    {
        var modal = false;
        foreach (var token in before.Take(6))
        {
            modal |= token is "will" or "going" or "want" or "shall" or "gotta" or "got" or "about";
            if (FirstPerson.Contains(token) || token == "let")
                return Speaker.Me;
            if (OtherSpeakers.Contains(token) || token.StartsWith('@'))
                return Speaker.Other;
            if (Things.Contains(token))
                return Speaker.Thing;
            if (token == "you")
                return Speaker.Unknown;
        }

        return modal ? Speaker.Me : Speaker.Unknown;
    }

    // The tokens before a match, nearest first, up to the start of its clause.
    private static IEnumerable<string> Before(string text, int index) =>
        text[..index].Split(' ', StringSplitOptions.RemoveEmptyEntries).Reverse().TakeWhile(t => t != ",");

    private static void AddIntensifiers(List<ToxicityMatch> matches, string[] tokens, string detection)
    {
        var aimed = matches.Where(m => m.Category is "threat" or "insult" or "harassment" or "self-harm" or "slur" or "hate").MaxBy(m => m.Weight);
        if (aimed is null)
            return;
        var found = tokens.Where(ToxicityLexicon.Intensifiers.Contains).Distinct().ToList();
        if (detection.Contains("!!", StringComparison.Ordinal))
            found.Add("!!");
        if (Shouting().IsMatch(detection))
            found.Add("capitals");
        if (found.Count > 0)
            matches.Add(new ToxicityMatch(aimed.Category, $"intensifiers ({string.Join(", ", found.Take(3))})", 1 - Math.Pow(0.85, Math.Min(3, found.Count))));
    }

    private static string Label(ToxicityRule rule, string matched) =>
        rule.Label ?? string.Join(' ', matched.Split(' ').Select(w => Slurs.ByWord.ContainsKey(w) ? "[slur]" : w));

    private static FrozenSet<string> Words(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b[A-Z]{3,}\s+[A-Z]{2,}\b", RegexOptions.None, 1000)]
    private static partial Regex Shouting();
}
