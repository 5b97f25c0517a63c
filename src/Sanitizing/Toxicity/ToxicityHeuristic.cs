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
        "war", "battle", "holocaust", "remembrance", "anniversary", "archive", "archival", "biography", "trial");

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

    internal static string RuleText(string detection)
    {
        var text = ToxicityTokens.Of(detection);
        return BenignSenses.Neutralise(text, Tokens(text));
    }

    /// <summary>
    /// Whether the prompt's <paramref name="tokens"/> hold one of <paramref name="words"/>. <see cref="HashSet{T}.Overlaps"/>
    /// walks its argument, here a word list of up to a few hundred entries; a prompt has a few dozen tokens, so the
    /// smaller side is walked and looked up in the other.
    /// </summary>
    internal static bool Shares(HashSet<string> tokens, IReadOnlySet<string> words)
    {
        if (tokens.Count > words.Count)
            return tokens.Overlaps(words);
        foreach (var token in tokens)
        {
            if (words.Contains(token))
                return true;
        }

        return false;
    }

    private static HashSet<string> Tokens(string text) => [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static ToxicityResult ScoreCopy(string detection)
    {
        var text = RuleText(detection);
        var tokens = Tokens(text);
        var story = Shares(tokens, StoryWords);
        var report = Shares(tokens, ReportWords);
        var matches = new List<ToxicityMatch>();

        // Rules first; their words are then blanked so "kill you" is not also counted as the word "kill".
        var blanked = text.ToCharArray();
        foreach (var rule in ToxicityRules.All)
        {
            if (!rule.MayMatch(tokens))
                continue;
            foreach (Match m in rule.Pattern.Matches(text))
            {
                var weight = Weigh(rule, m, text, story, report, out var category);
                if (weight != 0)
                    Array.Fill(blanked, '_', m.Index, m.Length);
                if (weight > 0)
                    matches.Add(new ToxicityMatch(category, Label(rule, m.Value), weight));
            }
        }

        // Content words in one pass over what is left, longest phrase first ("kill himself" before "kill").
        var content = Shares(tokens, ToxicityRules.ContentAnchors) ? ToxicityRules.Content.Matches(new string(blanked)) : null;
        foreach (Match m in content ?? (IEnumerable<Match>)[])
        {
            var word = ToxicityRules.ContentWords[Enumerable.Range(1, m.Groups.Count - 1).First(g => m.Groups[g].Success) - 1];
            matches.Add(new ToxicityMatch(word.Category, word.Term, word.Weight * (report ? ReportFactor : 1)));
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

    // The match's weight; 0 when it does not count, and −1 when it is refuted ("I would never hurt you"), so its words
    // do not count as content either.
    private static double Weigh(ToxicityRule rule, Match m, string text, bool story, bool report, out string category)
    {
        category = rule.Category;
        var before = Before(text, m.Index);
        if (rule.Kind != RuleKind.Content && Negated(before))
            return -1;
        var speaker = SpeakerOf(before);
        var weight = rule.Kind switch
        {
            RuleKind.Threat => speaker switch
            {
                Speaker.Me => Math.Max(rule.Weight, 0.95),
                Speaker.Other => 0.85,
                Speaker.Thing => 0.3,
                _ => rule.Weight,
            },
            RuleKind.ThirdParty => speaker switch
            {
                Speaker.Me => rule.Weight,
                Speaker.Other => rule.Weight - 0.05,
                _ => 0,
            },
            RuleKind.Soft => speaker == Speaker.Me ? rule.Weight : rule.Weight / 2,
            RuleKind.Chain => Chain(rule.Weight, m.Value),
            RuleKind.Content => report ? rule.Weight * ReportFactor : rule.Weight,
            _ => rule.Weight,
        };
        return story && rule.Kind != RuleKind.Content ? weight * StoryFactor : weight;
    }

    // A chain counts each insult word it holds ("you stupid worthless idiot" is three); a mild one ("clown") counts 0.85.
    private static double Chain(double weight, string chain)
    {
        var clean = 1.0;
        foreach (var w in chain.Split(' '))
        {
            var insult = ToxicityLexicon.InsultNouns.Contains(w) || ToxicityLexicon.InsultAdjectives.Contains(w) || Slurs.ByWord.ContainsKey(w)
                || w is "shit" or "crap" or "waste" or "joke" or "mistake" or "failure" or "nothing" or "nobody" or "disappointment";
            if (insult)
                clean *= 1 - (ToxicityLexicon.MildInsults.Contains(w) ? weight * 0.85 : weight);
        }

        return clean == 1.0 ? weight : 1 - clean;
    }

    // "never", "not" just before the match refute it; "why don't you ..." (a "not" before "you") asks for it.
    private static bool Negated(IEnumerable<string> before)
    {
        var near = before.Take(3).ToList();
        return near.Select((t, i) => Negations.Contains(t) && !(i > 0 && near[i - 1] == "you")).Any(n => n);
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

    // Up to eight tokens before a match, nearest first, not past the start of its clause.
    private static List<string> Before(string text, int index)
    {
        var tokens = new List<string>(8);
        for (var end = index; end > 0 && tokens.Count < 8;)
        {
            var start = text.LastIndexOf(' ', end - 1) + 1;
            var token = text[start..end];
            if (token == ",")
                break;
            if (token.Length > 0)
                tokens.Add(token);
            end = start - 1;
        }

        return tokens;
    }

    private static void AddIntensifiers(List<ToxicityMatch> matches, HashSet<string> tokens, string detection)
    {
        var aimed = matches.Where(m => m.Category is "threat" or "insult" or "harassment" or "self-harm" or "slur" or "hate").MaxBy(m => m.Weight);
        if (aimed is null)
            return;
        var found = tokens.Where(ToxicityLexicon.Intensifiers.Contains).Order(StringComparer.Ordinal).ToList();
        if (detection.Contains("!!", StringComparison.Ordinal))
            found.Add("!!");
        if (detection.AsSpan().ContainsAnyInRange('A', 'Z') && Shouting().IsMatch(detection))
            found.Add("capitals");
        if (found.Count > 0)
            matches.Add(new ToxicityMatch(aimed.Category, $"intensifiers ({string.Join(", ", found.Take(3))})", 1 - Math.Pow(0.85, Math.Min(3, found.Count))));
    }

    private static string Label(ToxicityRule rule, string matched) =>
        rule.Label ?? string.Join(' ', matched.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Slurs.ByWord.ContainsKey(w) ? "[slur]" : w));

    private static FrozenSet<string> Words(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b[A-Z]{3,}\s+[A-Z]{2,}\b", RegexOptions.None, 1000)]
    private static partial Regex Shouting();
}
