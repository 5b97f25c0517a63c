using System.Text.RegularExpressions;

namespace AiProd.Sanitizing;

/// <summary>
/// Everyday phrases that reuse a violent or rude word in a harmless sense. Each is rewritten to a neutral word
/// before the rules run, so "kill the engine", "a killer whale", "dressed to kill" and "to die for" score nothing.
/// Patterns read the rule text (lemmas: "killed" is "kill"). Hyphenated compounds need no rewrite: "die-cast" and
/// "idiot-proof" are single words to the rules. A rewrite is tried only when the text holds one of its trigger words.
/// </summary>
internal static partial class BenignSenses
{
    private static readonly (Regex Pattern, string Replacement, string[] Triggers)[] Rewrites =
    [
        .. Rule("killer (?:whale|whales|bee|bees|app|apps|feature|features|deal|deals|heels|instinct|queen|look|outfit|smile|view|views|track|riff|beat|song|tune|move|combo|sudoku|shot|serve|recipe|dress|sale|idea)", "great"),
        .. Rule("kill (?:the |that |this |those |these |your |my |our |all )?(?:light|lights|lamp|lamps|engine|engines|motor|power|music|sound|noise|process|processes|app|program|job|server|tab|switch|mood|vibe|buzz|momentum|bill|idea|story|joke|lead|time|clock|weeds?|bugs?|germs?|bacteria|mold|mould|pests?|flies|mosquitoes|enemies|zombies?|monsters?|aliens?|orcs?|dragons?|goblins?|demons?|vampires?|robots?|foes?|creeps|npcs?)", "switch off"),
        .. Rule("kill (?:an|a few|some|two) (?:hours?|minutes?|afternoon|evening)", "pass time"),
        .. Rule("(?:kill|killing|slay|slaying) it", "excel"),
        .. Rule("dressed to kill", "dressed up"),
        .. Rule("to die for", "wonderful"),
        .. Rule("die hard", "diehard"),
        .. Rule("drop dead (?:gorgeous|beautiful|stunning|handsome)", "stunning"),
        .. Rule("dying to (?:see|try|know|meet|go|hear|watch|visit|get|find|taste)", "eager to"),
        .. Rule("(?:could|would) kill for (?:a|an|some|one)", "crave"),
        .. Rule("knock (?:them|em|him|her|you|us|everyone) dead", "impress them"),
        .. Rule("break a leg", "good luck"),
        .. Rule("kill two birds with one stone", "multitask"),
        .. Rule("(?:photo|film|video|movie|fashion|product|music video|commercial|location|studio|portrait|wedding) shoot", "session"),
        .. Rule("shoot (?:a |the |some |our |my |this |that |an |your |his |her )?(?:film|films|video|videos|movie|scene|scenes|footage|photo|photos|picture|pictures|commercial|ad|documentary|trailer|episode|short|clip|hoops|breeze|moon|message|email|text|portrait|wedding|sequence|close-up|closeup|b-roll|timelapse|time-lapse)", "film"),
        .. Rule("take a stab at", "try"),
        .. Rule("al gore", "al-gore"),
        .. Rule("murder (?:mystery|mysteries|of crows)", "whodunit"),
        .. Rule("kill (?:switch|screen|count|streak|cam|zone|feed|shot)", "game-term"),
        .. Rule("chink (?:of|in)", "clink"),
        .. Rule("spick and span", "spotless"),
        .. Rule("(?:smoke|smoking|light|lit|roll|rolled) (?:a |his |her |their )?fag|fag (?:end|ends|break|packet|ash)", "cigarette"),
        .. Rule("(?:to )?retard (?:the|its|their|growth|fire|corrosion|ignition|timing)|retarded (?:ignition|timing|spark|growth)", "slow"),
        .. Rule("(?:beat|whip|whisk) (?:the |some |two |three |four )?(?:egg|eggs|batter|cream|butter|mixture|drum|drums|record|heat|clock|odds|traffic|rush|game|level|competition)", "mix"),
        .. Rule("(?:punch|punches) (?:line|lines|bowl|card)|fruit punch|sucker punch|one-two punch", "punchline"),
        .. Rule("(?:shut up|shut the fuck up) and (?:take my money|dance|drive|listen)", "please"),
        .. Rule("(?:it|this|that) (?:really )?(?:kill|kills) me", "amuses me"),
        .. Rule("hang (?:out|up|on|around|tight|loose|in there|(?:the |a |some |your |my |our |their |his |her )?(?:picture|pictures|painting|paintings|laundry|lights|decorations|washing|art|poster|posters|curtains|coat|coats|flag|flags|hammock|lantern|lanterns|ornaments|sign|wreath))", "stay"),
        .. Rule("(?:bury|burying|buried) (?:the|a|his|her|their|our|my) (?:hatchet|treasure|time capsule|bone|bones|seeds?|bulbs?)", "plant"),
        .. Rule("end (?:the|this|that|a|an|your|my|our|his|her|their)? ?(?:day|video|scene|shot|clip|song|story|film|movie|meeting|call|game|season|year|week|tour|show|sequence|montage)", "finish"),
        .. Rule("(?:cut|cuts) (?:to|the|a|an|some|back|away|between|into|out|off|open|down)", "edit"),
        .. Rule("(?:break|breaks) (?:the|a|an|some|into|out|down|free|through|up|even|ground|dance|bread|news|record|records|ice|silence)", "split"),
        .. Rule("(?:get|got|find|found|catch|caught) you (?:a|an|some|the|one|two|home|there|back|covered|right|up|ready|to)", "help you"),
        .. Rule("(?:burn|burned|burnt) (?:calories|fat|rubber|the midnight oil|a cd|a dvd|incense|candles?|wood|logs|toast|sage)", "use"),
        .. Rule("execute (?:the|a|an|this|that|our|my|his|her|their|perfect|flawless)", "perform"),
        .. Rule("(?:beat|destroy|crush|smash|kill|thrash|whip|murder|hurt) (?:you|him|her|them|us|me) (?:at|in) (?:a |the |this |our |every |any |your )?(?:game|games|race|match|chess|poker|tennis|golf|cards|checkers|scrabble|trivia|quiz|contest|competition|fifa|sprint|marathon|arm wrestling|ping pong|pool|darts|final|finals|league|tournament)", "outplay"),
        .. Rule("(?:skin|skins|skinned) (?:the|a|an|some|two|three)? ?(?:potato|potatoes|onion|onions|tomato|tomatoes|peach|peaches|fish|chicken|grape|grapes|pepper|peppers|almonds?)", "peel"),
    ];

    /// <summary>The rule text with every benign phrase replaced by its neutral word.</summary>
    public static string Neutralise(string text, IReadOnlySet<string> tokens)
    {
        foreach (var (pattern, replacement, triggers) in Rewrites)
        {
            if (Array.Exists(triggers, tokens.Contains))
                text = pattern.Replace(text, " " + replacement);
        }

        return text;
    }

    // The words of a phrase that some rule reacts to; a rewrite without one would change no verdict.
    private static IEnumerable<(Regex, string, string[])> Rule(string phrase, string replacement)
    {
        var triggers = Word().Matches(phrase).Select(m => ToxicityTokens.Lemma(m.Value)).Where(ToxicityLexicon.Triggers.Contains).Distinct().ToArray();
        if (triggers.Length == 0)
            throw new InvalidOperationException($"The benign sense \"{phrase}\" holds no word a rule reacts to.");
        return [(ToxicityRules.Pattern(phrase), replacement, triggers)];
    }

    [GeneratedRegex("[a-z][a-z'-]*", RegexOptions.None, 1000)]
    private static partial Regex Word();
}
