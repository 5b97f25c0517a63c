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

    // "shoot you a message", "get you a coffee": the person is who receives, not who is hurt.
    private const string NotDative = "(?! (?:a|an|some|to|off|out|dinner|lunch|coffee|breakfast|something|anything|one|two|more|less|back|home|softly|gently|laughing) )";

    public static readonly ToxicityRule[] All =
    [
        // Threats
        new("threat", 0.8, RuleKind.Threat, P($@"(?<v>{Verb}) (?:(?:all|every|each|both) (?:one )?of )?you(?: all| guys)?(?= ){NotDative}")),
        new("threat", 0.75, RuleKind.Threat, P($@"(?<v>{Verb}) (?:your|you all) (?:\S+ ){{0,2}}?(?:{Person}|{Pet}|{Body}|house|home|car)")),
        new("threat", 0.8, RuleKind.ThirdParty, P($@"(?<v>{Verb}) (?:(?:all|every|each) (?:one )?of )?{Third}(?= ){NotDative}")),
        new("threat", 0.9, RuleKind.ThirdParty, P("(?<v>shoot|bomb|blow|burn|attack) (?:up |down )?(?:the |my |our |this |a |your )?(?:school|office|church|mosque|synagogue|temple|mall|concert|campus|class|workplace|parade|stadium)")),
        new("threat", 0.5, RuleKind.Soft, P($@"(?<v>{Soft}) you(?: all)?(?= ){NotDative}")),
        new("threat", 0.8, RuleKind.Soft, P("(?<v>hunt|track) you down")),
        new("threat", 0.85, RuleKind.Targeted, P($@"you (?:will|are going to|would|shall|are about to) (?:be|get) (?:{Verb}|dead)")),
        new("threat", 0.85, RuleKind.Targeted, P("you (?:will|are going to|are about to|shall) die(?! (?:laughing|of|happy|old|rich|peacefully|trying|wondering|without|a) )")),
        new("threat", 0.8, RuleKind.Targeted, P("you are (?:a )?dead(?: man| woman| meat| already| to me)?(?! (?:tired|serious|right|wrong|on|set|last|center|centre|cute|ringer|end|weight|heat|giveaway|easy|gorgeous) )")),
        new("threat", 0.9, RuleKind.Targeted, P("i want you dead|(?:wish|hope) you (?:were|was) dead")),
        new("threat", 0.8, RuleKind.Targeted, P("your days are numbered")),
        new("threat", 0.6, RuleKind.Targeted, P("watch your back|sleep with one eye open|you will never see it coming")),
        new("threat", 0.45, RuleKind.Targeted, P("you will (?:regret|pay for) (?:this|it|that)")),

        // Death wishes
        new("threat", 0.9, RuleKind.Targeted, P($@"(?:hope|wish|pray|want) (?:that )?you (?:die|get (?:{Verb}|cancer|aids|hit by a)|rot|burn|suffer|choke|drown|starve|never wake up)")),
        new("threat", 0.9, RuleKind.Targeted, P($@"you (?:should|deserve to|need to|ought to|must|better|have to|got to|can go) (?:just |all |go |fucking )?(?:die|rot|suffer|burn in hell|be (?:{Verb}|dead))")),
        new("threat", 0.8, RuleKind.Targeted, P("(?<=(?:^|,) )(?:(?:and|so|then|now|please|pls|plz|you|bitch|fucking) )*(?:go|just) (?:go |just |and )?die(?: already| now| bitch| slowly| painfully| alone)?(?= (?:,|$))")),
        new("threat", 0.6, RuleKind.Targeted, P("(?<=(?:^|,) )(?:(?:and|so|then|now|please|pls|plz|bitch|fucking) )*die(?: already| now| bitch| slowly| painfully| alone| you \\S+)?(?= (?:,|$))")),
        new("threat", 0.85, RuleKind.Targeted, P("die in a (?:fire|hole|ditch|car crash)|drop dead")),
        new("threat", 0.75, RuleKind.Targeted, P("(?:rot|burn) in hell")),

        // Self-harm incitement
        new("self-harm", 0.95, RuleKind.Targeted, P("(?:kill|hang|off|end|unalive|hurt|cut|shoot|drown|poison|harm|stab|burn|strangle|suffocate|choke|starve) yourself|kys")),
        new("self-harm", 0.9, RuleKind.Targeted, P("end your (?:own )?(?:\\S+ )?(?:life|existence)|slit your (?:wrists|throat)|drink (?:bleach|poison)|(?:go|you should|just) jump off (?:a|the) (?:bridge|building|cliff|roof)")),
        new("self-harm", 0.85, RuleKind.Targeted, P("(?:nobody|no one) would (?:miss|care about|notice) you|world (?:would be|is) better (?:off )?without you|you do not deserve to (?:live|exist|be alive)|you should (?:not|never) (?:exist|be alive|have been born)|(?:stop|quit) breathing")),

        // Insults
        new("insult", 0.8, RuleKind.Chain, P($@"you (?:(?:{Adj}|{Intense}|little|big|dirty|stinking|sorry excuse for a|piece of) )*(?:(?:{Noun}|shit|crap|{Waste})(?= )|{Adj}(?= (?:,|$)))")),
        new("insult", 0.75, RuleKind.Chain, P($@"you (?:are|were|look like|sound like|act like|are acting like|seem|will always be|are nothing but|are just) (?!not )(?:(?:{Filler}|{Adj}) )*(?:{Noun}|{Adj}|{Waste}|joke|mistake|failure|nothing|nobody|disappointment)(?= )")),
        new("insult", 0.7, RuleKind.Chain, P($@"your (?:(?:{Adj}|{Intense}) )+(?:face|mug|ass|mouth|mother|mom|family|kind|existence|life|opinion|work|voice|body|self|butt|head|brain|whole \S+)")),
        new("insult", 0.8, RuleKind.Chain, P($@"your (?:mom|mother|sister|wife|family|dad|girlfriend) (?:is|was|are) (?:(?:{Filler}|{Adj}) )*{Noun}")),
        new("insult", 0.7, RuleKind.Chain, P($@"(?:@\S+|(?:my|our) (?:\S+ )?{Person}) (?:is|are|was) (?!not )(?:(?:{Filler}|{Adj}) )*(?:{Noun}|{Adj}|{Waste})(?= )")),
        new("insult", 0.45, RuleKind.Chain, P($@"(?:he|she) is (?!not )(?:(?:{Filler}|{Adj}) )*(?:{Noun}|{Adj})(?= )")),
        new("insult", 0.7, RuleKind.Chain, P($@"call(?:ing|s|ed)? (?:@\S+|him|her|them|my (?:\S+ )?{Person}) (?:a |an )?(?:(?:{Filler}|{Adj}) )*(?:{Noun}|{Waste})")),
        new("insult", 0.85, RuleKind.Targeted, P("fuck (?:you|off|your \\S+|yourself)|suck my (?:dick|cock|balls)|go fuck yourself")),
        new("insult", 0.8, RuleKind.Targeted, P("eat (?:shit|a dick)")),
        new("insult", 0.7, RuleKind.Targeted, P("you suck")),
        new("insult", 0.6, RuleKind.Targeted, P("screw you|go to hell|son of a bitch|piece of (?:shit|crap|garbage|trash)")),
        new("insult", 0.55, RuleKind.Targeted, P("kiss my ass")),
        new("insult", 0.45, RuleKind.Targeted, P("shut (?:the fuck )?up")),

        // Harassment
        new("harassment", 0.7, RuleKind.Targeted, P("(?:i|we) (?:really |truly |fucking |just |all |so )?(?:hate|despise|loathe|detest) (?:you|your guts|your existence)")),
        new("harassment", 0.8, RuleKind.Targeted, P("(?:everyone|everybody|the whole (?:world|school|class|town|internet)|all of us) (?:hates|hate|despises|laughs at|is laughing at) you")),
        new("harassment", 0.8, RuleKind.Targeted, P("(?:nobody|no one|no-one) (?:likes|loves|wants|cares about|needs|will ever love|will miss|ever liked) you")),
        new("harassment", 0.9, RuleKind.Targeted, P("i know where you (?:live|sleep|work)")),
        new("harassment", 0.85, RuleKind.Targeted, P($@"(?:dox|doxx|doxxed|doxed|doxxing|doxing) (?:you|@\S+|him|her|them|my (?:\S+ )?{Person})|leak (?:your|her|his|their|@\S+) (?:address|nudes|photos|pics|number|home address)")),
        new("harassment", 0.75, RuleKind.Targeted, P($@"(?:stalk|stalking|stalked) (?:you|@\S+|her|him)|(?:{Alt(HarassmentVerbs)}|make fun of|making fun of|laugh at) (?:you|@\S+|(?:my|our) (?:\S+ )?{Person})")),
        new("sexual", 0.85, RuleKind.Targeted, P("send (?:me )?(?:your )?nudes")),

        // Hate
        new("hate", 0.9, RuleKind.Targeted, P($@"(?:all )?(?:the |these |those |you )?{Group} (?:people )?(?:are|is) (?:all |just |nothing but |a |an |such |so |dirty |filthy |disgusting |fucking |like )*{Dehuman}")),
        new("hate", 0.9, RuleKind.Content, P($@"(?:kill|exterminate|gas|eradicate|wipe out|eliminate|lynch|hang|burn|shoot|slaughter|get rid of|murder|purge) (?:all )?(?:the |these |those |every )?{Group}")),
        new("hate", 0.9, RuleKind.Targeted, P($@"{Group} (?:should|must|need to|deserve to|ought to|have to) (?:all )?(?:die|be (?:{Verb}|exterminated|gassed|deported|wiped out|eradicated|dead)|burn|rot|go back)")),
        new("hate", 0.75, RuleKind.Targeted, P("go back to (?:your|where you came from)|your kind (?:is|are) not welcome")),

        // What the video would show
        new("self-harm", 0.8, RuleKind.Content, P("suicide|suicidal"), "suicide"),
        new("self-harm", 0.9, RuleKind.Content, P("self-harm|self harm|selfharm|self-harming"), "self-harm"),
        new("self-harm", 1.0, RuleKind.Content, P("kill (?:my|him|her|them)sel(?:f|ves)"), "kill myself"),
        new("self-harm", 0.9, RuleKind.Content, P("cut (?:myself|himself|herself)"), "cut myself"),
        new("self-harm", 1.0, RuleKind.Content, P("hang (?:myself|himself|herself)"), "hang myself"),
        new("self-harm", 0.6, RuleKind.Content, P("overdoses?|overdosed"), "overdose"),
        new("violence", 0.45, RuleKind.Content, P("kill"), "kill"),
        new("violence", 0.6, RuleKind.Content, P("murder"), "murder"),
        new("violence", 0.8, RuleKind.Content, P("massacres?|massacred"), "massacre"),
        new("violence", 0.6, RuleKind.Content, P("slaughter"), "slaughter"),
        new("violence", 0.8, RuleKind.Content, P("torture"), "torture"),
        new("violence", 0.9, RuleKind.Content, P("behead|decapitate"), "behead"),
        new("violence", 0.9, RuleKind.Content, P("mutilate|mutilation|dismember"), "mutilate"),
        new("violence", 0.7, RuleKind.Content, P("gore|gory"), "gore"),
        new("violence", 0.6, RuleKind.Content, P("bloodbath"), "bloodbath"),
        new("violence", 0.45, RuleKind.Content, P("stab"), "stab"),
        new("violence", 0.7, RuleKind.Content, P("shoot up"), "shoot up"),
        new("hate", 0.9, RuleKind.Content, P("subhumans?"), "subhuman"),
        new("hate", 0.95, RuleKind.Content, P("ethnic cleansing"), "ethnic cleansing"),
        new("hate", 0.8, RuleKind.Content, P("genocides?"), "genocide"),
        new("hate", 0.9, RuleKind.Content, P("white power"), "white power"),
        new("hate", 0.85, RuleKind.Content, P("racial purity"), "racial purity"),
        new("hate", 0.6, RuleKind.Content, P("exterminate|exterminated|exterminating"), "exterminate"),
        new("hate", 0.5, RuleKind.Content, P("nazis?"), "nazi"),
        new("sexual", 0.95, RuleKind.Content, P("porn|porno|pornographic|pornography"), "porn"),
        new("sexual", 0.9, RuleKind.Content, P("xxx"), "xxx"),
        new("sexual", 0.8, RuleKind.Content, P("nsfw"), "nsfw"),
        new("sexual", 0.95, RuleKind.Content, P("explicit sex(?:ual)?"), "explicit sex"),
        new("sexual", 0.6, RuleKind.Content, P("sex|sexual|sexy"), "sex"),
        new("sexual", 0.6, RuleKind.Content, P("nude|nudes|nudity"), "nude"),
        new("sexual", 0.5, RuleKind.Content, P("naked"), "naked"),
        new("sexual", 0.7, RuleKind.Content, P("erotic|erotica"), "erotic"),
        new("profanity", 0.2, RuleKind.Content, P(Alt(Profanity)), "profanity"),
    ];

    /// <summary>Slurs are looked up word by word rather than by pattern.</summary>
    public static double? SlurWeight(string token, out string kind)
    {
        kind = "";
        if (!Slurs.ByWord.TryGetValue(token, out var slur))
            return null;
        kind = slur.Kind;
        return slur.Weight;
    }

    private static Regex P(string pattern) =>
        new($"(?<= )(?:{pattern})(?= )", RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    private static string Alt(IEnumerable<string> words) =>
        "(?:" + string.Join('|', words.Distinct().OrderByDescending(w => w.Length).Select(Regex.Escape)) + ")";
}
