using System.Collections.Frozen;
using System.Text.RegularExpressions;
using static AiProd.Sanitizing.ToxicityLexicon;

namespace AiProd.Sanitizing;

/// <summary>
/// The rule table. Patterns read the rule text of <see cref="ToxicityTokens"/>: lemmas between single spaces, ","
/// between clauses. Targets decide most verdicts: "kill" alone is a word of a story, "kill you" a threat.
/// </summary>
internal static class ToxicityRules
{
    private static readonly string Verb = Alt(ViolentVerbs);
    private static readonly string Soft = Alt(SoftVerbs);
    private static readonly string Noun = Alt(InsultNouns.Concat(Slurs.Words));
    private static readonly string Adj = Alt(InsultAdjectives);
    private static readonly string Filler = Alt(InsultFillers);
    private static readonly string Intense = Alt(Intensifiers);
    private static readonly string Person = Alt(PersonNouns);
    private static readonly string Pet = Alt(Pets);
    private static readonly string Body = Alt(BodyParts);
    private static readonly string Group = Alt(Groups);
    private static readonly string Dehuman = Alt(Dehumanising);
    private const string Waste = "waste of (?:space|oxygen|air|skin|life|time|a human)";
    private static readonly string Third = $@"(?:him|her|them|everyone|everybody|@\S+|(?:my|his|her|their|our) (?:\S+ )?{Person})";

    private static readonly FrozenSet<string> Verbs = Set([.. ViolentVerbs, "shoot", "bomb", "blow", "burn", "attack"]);
    private static readonly FrozenSet<string> SoftAnchors = Set([.. SoftVerbs]);
    private static readonly FrozenSet<string> You = Set(["you", "your", "yourself", "kys"]);
    private static readonly FrozenSet<string> Your = Set(["your"]);
    private static readonly FrozenSet<string> Is = Set(["is", "are", "was"]);
    private static readonly FrozenSet<string> Dying = Set(["die", "dead", "rot", "hell"]);
    private static readonly FrozenSet<string> GroupAnchors = Set([.. Groups]);

    // "shoot you a message", "get you a coffee": the person is who receives, not who is hurt.
    private const string NotDative = "(?! (?:a|an|some|to|off|out|dinner|lunch|coffee|breakfast|something|anything|one|two|more|less|back|home|softly|gently|laughing) )";

    public static readonly ToxicityRule[] All =
    [
        // Threats
        new("threat", 0.8, RuleKind.Threat, P($@"(?<v>{Verb}) (?:(?:all|every|each|both) (?:one )?of )?you(?: all| guys)?(?= ){NotDative}"), Verbs),
        new("threat", 0.75, RuleKind.Threat, P($@"(?<v>{Verb}) (?:your|you all) (?:\S+ ){{0,2}}?(?:{Person}|{Pet}|{Body}|house|home|car)"), Verbs),
        new("threat", 0.8, RuleKind.ThirdParty, P($@"(?<v>{Verb}) (?:(?:all|every|each) (?:one )?of )?{Third}(?= ){NotDative}"), Verbs),
        new("threat", 0.9, RuleKind.ThirdParty, P("(?<v>shoot|bomb|blow|burn|attack) (?:up |down )?(?:the |my |our |this |a |your )?(?:school|office|church|mosque|synagogue|temple|mall|concert|campus|class|workplace|parade|stadium)"), Verbs),
        new("threat", 0.5, RuleKind.Soft, P($@"(?<v>{Soft}) you(?: all)?(?= ){NotDative}"), SoftAnchors),
        new("threat", 0.8, RuleKind.Soft, P("(?<v>hunt|track) you down"), SoftAnchors),
        new("threat", 0.85, RuleKind.Targeted, P($@"you (?:will|are going to|would|shall|are about to) (?:be|get) (?:{Verb}|dead)"), You),
        new("threat", 0.85, RuleKind.Targeted, P("you (?:will|are going to|are about to|shall) die(?! (?:laughing|of|happy|old|rich|peacefully|trying|wondering|without|a) )"), You),
        new("threat", 0.8, RuleKind.Targeted, P("you are (?:a )?dead(?: man| woman| meat| already| to me)?(?! (?:tired|serious|right|wrong|on|set|last|center|centre|cute|ringer|end|weight|heat|giveaway|easy|gorgeous) )"), You),
        new("threat", 0.9, RuleKind.Targeted, P("i want you dead|(?:wish|hope) you (?:were|was) dead"), You),
        new("threat", 0.8, RuleKind.Targeted, P("your days are numbered"), Your),
        new("threat", 0.6, RuleKind.Targeted, P("watch your back|sleep with one eye open|you will never see it coming"), You),
        new("threat", 0.45, RuleKind.Targeted, P("you will (?:regret|pay for) (?:this|it|that)"), You),

        // Death wishes
        new("threat", 0.9, RuleKind.Targeted, P($@"(?:hope|wish|pray|want) (?:that )?you (?:die|get (?:{Verb}|cancer|aids|hit by a)|rot|burn|suffer|choke|drown|starve|never wake up)"), You),
        new("threat", 0.9, RuleKind.Targeted, P($@"you (?:should|deserve to|need to|ought to|must|better|have to|got to|can go) (?:just |all |go |fucking )?(?:die|rot|suffer|burn in hell|be (?:{Verb}|dead))"), You),
        new("threat", 0.8, RuleKind.Targeted, P("(?<=(?:^|,) )(?:(?:and|so|then|now|please|pls|plz|you|bitch|fucking) )*(?:go|just) (?:go |just |and )?die(?: already| now| bitch| slowly| painfully| alone)?(?= (?:,|$))"), Dying),
        new("threat", 0.6, RuleKind.Targeted, P("(?<=(?:^|,) )(?:(?:and|so|then|now|please|pls|plz|bitch|fucking) )*die(?: already| now| bitch| slowly| painfully| alone| you \\S+)?(?= (?:,|$))"), Dying),
        new("threat", 0.85, RuleKind.Targeted, P("die in a (?:fire|hole|ditch|car crash)|drop dead"), Dying),
        new("threat", 0.75, RuleKind.Targeted, P("(?:rot|burn) in hell"), Dying),

        // Self-harm incitement
        new("self-harm", 0.95, RuleKind.Targeted, P("(?:kill|hang|off|end|unalive|hurt|cut|shoot|drown|poison|harm|stab|burn|strangle|suffocate|choke|starve) yourself|kys"), You),
        new("self-harm", 0.9, RuleKind.Targeted, P("end your (?:own )?(?:\\S+ )?(?:life|existence)|slit your (?:wrists|throat)|drink (?:bleach|poison)|(?:go|you should|just) jump off (?:a|the) (?:bridge|building|cliff|roof)"), Set(["your", "bleach", "poison", "jump"])),
        new("self-harm", 0.85, RuleKind.Targeted, P("(?:nobody|no one) would (?:miss|care about|notice) you|world (?:would be|is) better (?:off )?without you|you do not deserve to (?:live|exist|be alive)|you should (?:not|never) (?:exist|be alive|have been born)|(?:stop|quit) breathing"), Set(["you", "breathing"])),

        // Insults
        new("insult", 0.8, RuleKind.Chain, P($@"you (?:(?:{Adj}|{Intense}|little|big|dirty|stinking|sorry excuse for a|piece of) )*(?:(?:{Noun}|shit|crap|{Waste})(?= )|{Adj}(?= (?:,|$)))"), You),
        new("insult", 0.75, RuleKind.Chain, P($@"you (?:are|were|look like|sound like|act like|are acting like|seem|will always be|are nothing but|are just) (?!not )(?:(?:{Filler}|{Adj}) )*(?:{Noun}|{Adj}|{Waste}|joke|mistake|failure|nothing|nobody|disappointment)(?= )"), You),
        new("insult", 0.75, RuleKind.Chain, P($@"what (?:a|an) (?:(?:{Filler}|{Adj}) )*(?:{Noun}|{Adj}|{Waste}) you are"), You),
        new("insult", 0.7, RuleKind.Chain, P($@"your (?:(?:{Adj}|{Intense}) )+(?:face|mug|ass|mouth|mother|mom|family|kind|existence|life|opinion|work|voice|body|self|butt|head|brain|whole \S+)"), Your),
        new("insult", 0.8, RuleKind.Chain, P($@"your (?:mom|mother|sister|wife|family|dad|girlfriend) (?:is|was|are) (?:(?:{Filler}|{Adj}) )*{Noun}"), Your),
        new("insult", 0.7, RuleKind.Chain, P($@"(?:@\S+|(?:my|our) (?:\S+ )?{Person}) (?:is|are|was) (?!not )(?:(?:{Filler}|{Adj}) )*(?:{Noun}|{Adj}|{Waste})(?= )"), Is),
        new("insult", 0.45, RuleKind.Chain, P($@"(?:he|she) is (?!not )(?:(?:{Filler}|{Adj}) )*(?:{Noun}|{Adj})(?= )"), Is),
        new("insult", 0.7, RuleKind.Chain, P($@"call(?:ing|s|ed)? (?:@\S+|him|her|them|my (?:\S+ )?{Person}) (?:a |an )?(?:(?:{Filler}|{Adj}) )*(?:{Noun}|{Waste})"), Set(["call", "calling", "calls", "called"])),
        new("insult", 0.85, RuleKind.Targeted, P("fuck (?:you|off|your \\S+|yourself)|suck my (?:dick|cock|balls)|go fuck yourself"), Set(["fuck", "suck"])),
        new("insult", 0.8, RuleKind.Targeted, P("eat (?:shit|a dick)"), Set(["eat"])),
        new("insult", 0.7, RuleKind.Targeted, P("you suck"), You),
        new("insult", 0.6, RuleKind.Targeted, P("screw you|go to hell|son of a bitch|piece of (?:shit|crap|garbage|trash)"), Set(["screw", "hell", "bitch", "piece"])),
        new("insult", 0.55, RuleKind.Targeted, P("kiss my ass"), Set(["kiss"])),
        new("insult", 0.45, RuleKind.Targeted, P("shut (?:the fuck )?up"), Set(["shut"])),

        // Harassment
        new("harassment", 0.7, RuleKind.Targeted, P("(?:i|we|they) (?:really |truly |fucking |just |all |so )?(?:hate|despise|loathe|detest|laugh at|are laughing at) (?:you|your guts|your existence)"), Set(["hate", "despise", "loathe", "detest", "laugh"])),
        new("harassment", 0.8, RuleKind.Targeted, P("(?:everyone|everybody|the whole (?:world|school|class|town|internet)|all of us) (?:hates|hate|despises|laughs at|is laughing at) you"), You),
        new("harassment", 0.8, RuleKind.Targeted, P("(?:nobody|no one|no-one) (?:likes|loves|wants|cares about|needs|will ever love|will miss|ever liked) you"), You),
        new("harassment", 0.9, RuleKind.Targeted, P("i know where you (?:live|sleep|work)"), You),
        new("harassment", 0.85, RuleKind.Targeted, P($@"(?:dox|doxx|doxxed|doxed|doxxing|doxing) (?:you|@\S+|him|her|them|my (?:\S+ )?{Person})|leak (?:your|her|his|their|@\S+) (?:address|nudes|photos|pics|number|home address)"), Set(["dox", "doxx", "doxxed", "doxed", "doxxing", "doxing", "leak"])),
        new("harassment", 0.75, RuleKind.Targeted, P($@"(?:stalk|stalking|stalked) (?:you|@\S+|her|him)|(?:{Alt(HarassmentVerbs)}|make fun of|making fun of|laugh at) (?:you|@\S+|(?:my|our) (?:\S+ )?{Person})"), Set([.. HarassmentVerbs, "stalked", "make", "making", "laugh"])),
        new("sexual", 0.85, RuleKind.Targeted, P("send (?:me )?(?:your )?nudes"), Set(["nudes"])),

        // Hate
        new("hate", 0.9, RuleKind.Targeted, P($@"(?:all )?(?:the |these |those |you )?{Group} (?:people )?(?:are|is) (?:all |just |nothing but |a |an |such |so |dirty |filthy |disgusting |fucking |like )*{Dehuman}"), GroupAnchors),
        new("hate", 0.9, RuleKind.Content, P($@"(?:kill|exterminate|gas|eradicate|wipe out|eliminate|lynch|hang|burn|shoot|slaughter|get rid of|murder|purge) (?:all )?(?:the |these |those |every )?{Group}"), GroupAnchors),
        new("hate", 0.9, RuleKind.Targeted, P($@"{Group} (?:should|must|need to|deserve to|ought to|have to) (?:all )?(?:die|be (?:{Verb}|exterminated|gassed|deported|wiped out|eradicated|dead)|burn|rot|go back)"), GroupAnchors),
        new("hate", 0.75, RuleKind.Targeted, P("go back to (?:your|where you came from)|your kind (?:is|are) not welcome"), Set(["back", "kind"])),

        // What the video would show
    ];

    /// <summary>
    /// Words for what the video would show, as (category, term, weight, forms); one pattern finds them all in one pass,
    /// longest phrase first, so "kill himself" is read before "kill".
    /// </summary>
    public static readonly (string Category, string Term, double Weight, string Forms)[] ContentWords =
    [
        ("self-harm", "suicide", 0.8, "suicide|suicidal"),
        ("self-harm", "self-harm", 0.9, "self-harm|self harm|selfharm|self-harming"),
        ("self-harm", "kill myself", 1.0, "kill (?:my|him|her|them)sel(?:f|ves)"),
        ("self-harm", "cut myself", 0.9, "cut (?:myself|himself|herself)"),
        ("self-harm", "hang myself", 1.0, "hang (?:myself|himself|herself)"),
        ("self-harm", "overdose", 0.6, "overdoses?|overdosed"),
        ("violence", "kill", 0.45, "kill"),
        ("violence", "murder", 0.6, "murder"),
        ("violence", "massacre", 0.8, "massacres?|massacred"),
        ("violence", "slaughter", 0.6, "slaughter"),
        ("violence", "torture", 0.8, "torture"),
        ("violence", "behead", 0.9, "behead|decapitate"),
        ("violence", "mutilate", 0.9, "mutilate|mutilation|dismember"),
        ("violence", "gore", 0.7, "gore|gory"),
        ("violence", "bloodbath", 0.6, "bloodbath"),
        ("violence", "stab", 0.45, "stab"),
        ("violence", "shoot up", 0.7, "shoot up"),
        ("hate", "subhuman", 0.9, "subhumans?"),
        ("hate", "ethnic cleansing", 0.95, "ethnic cleansing"),
        ("hate", "genocide", 0.8, "genocides?"),
        ("hate", "white power", 0.9, "white power"),
        ("hate", "racial purity", 0.85, "racial purity"),
        ("hate", "exterminate", 0.6, "exterminate|exterminated|exterminating"),
        ("hate", "nazi", 0.5, "nazis?"),
        ("sexual", "porn", 0.95, "porn|porno|pornographic|pornography"),
        ("sexual", "xxx", 0.9, "xxx"),
        ("sexual", "nsfw", 0.8, "nsfw"),
        ("sexual", "explicit sex", 0.95, "explicit sex(?:ual)?"),
        ("sexual", "sex", 0.6, "sex|sexual|sexy"),
        ("sexual", "nude", 0.6, "nude|nudes|nudity"),
        ("sexual", "naked", 0.5, "naked"),
        ("sexual", "erotic", 0.7, "erotic|erotica"),
        ("profanity", "profanity", 0.2, Alt(Profanity)),
    ];

    /// <summary>The first word of every content form ("kill" of "kill himself"): without one, the pattern is not run.</summary>
    public static readonly FrozenSet<string> ContentAnchors = ContentWords
        .SelectMany(w => w.Forms.Split('|'))
        .Select(form => new string([.. form.TrimStart('(', '?', ':').TakeWhile(c => char.IsAsciiLetterLower(c) || c == '-')]))
        .SelectMany(word => new[] { word, word.TrimEnd('s'), word + "s" })
        .Where(word => word.Length > 0)
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>All content words as one pattern; group c{i} is <see cref="ContentWords"/>[i].</summary>
    public static readonly Regex Content = Pattern(string.Join('|', ContentWords.Select((w, i) => $"(?<c{i}>{w.Forms})")));

    /// <summary>Slurs are looked up word by word rather than by pattern.</summary>
    public static double? SlurWeight(string token, out string kind)
    {
        kind = "";
        if (!Slurs.ByWord.TryGetValue(token, out var slur))
            return null;
        kind = slur.Kind;
        return slur.Weight;
    }

    private static FrozenSet<string> Set(string[] words) => words.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// A pattern over whole tokens. The match starts with the space before its first token (a literal start lets the
    /// engine search fast; a look-behind would not) and ends before the space after its last.
    /// </summary>
    internal static Regex Pattern(string pattern) =>
        new($" (?:{pattern})(?= )", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled, MatchLimit);

    // Every pattern is linear in the rule text, which is ours and a few thousand characters at most: the limit is a
    // backstop against a broken pattern. It is loose because a compiled pattern generates its code during its first
    // match, which on a busy machine can take longer than a tight limit.
    private static TimeSpan MatchLimit => TimeSpan.FromSeconds(10);

    private static Regex P(string pattern) => Pattern(pattern);

    private static string Alt(IEnumerable<string> words) =>
        "(?:" + string.Join('|', words.Distinct().OrderByDescending(w => w.Length).Select(Regex.Escape)) + ")";
}
