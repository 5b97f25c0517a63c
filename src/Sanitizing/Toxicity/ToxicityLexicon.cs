using System.Collections.Frozen;

namespace AiProd.Sanitizing;

/// <summary>
/// The words the toxicity rules are made of, by role: who is targeted, what is done or said to them, and how hard.
/// Inflected forms all read as one lemma ("kills", "killed", "k1lling" → "kill"; "idiots" → "idiot").
/// </summary>
internal static class ToxicityLexicon
{
    /// <summary>Violence done to a person; "kill you" threatens, "kill the lights" does not (the object decides).</summary>
    public static readonly FrozenSet<string> ViolentVerbs = Set(
        "kill", "murder", "stab", "shoot", "strangle", "choke", "rape", "torture", "drown", "behead", "butcher", "slaughter",
        "slit", "gut", "lynch", "bury", "poison", "execute", "shank", "maim", "mutilate", "hurt", "harm", "hang", "burn",
        "smother", "suffocate", "decapitate", "dismember", "skin", "bash", "assault", "attack", "unalive", "murk", "cut",
        "end", "punch", "slap", "kick", "smash", "stomp", "strangle", "batter", "eliminate", "beat", "break", "whip", "knife");

    /// <summary>Verbs that threaten only with the right words around them ("I will find you", "hunt you down").</summary>
    public static readonly FrozenSet<string> SoftVerbs = Set(
        "find", "get", "catch", "hunt", "track", "destroy", "crush", "wreck", "ruin", "punish", "haunt", "teach", "visit", "come");

    /// <summary>Lemma → every form the rules recognise.</summary>
    public static readonly FrozenDictionary<string, string> Lemmas = BuildLemmas();

    public static readonly FrozenSet<string> InsultNouns = Set(
        "idiot", "moron", "imbecile", "cretin", "loser", "scum", "scumbag", "trash", "garbage", "pig", "rat", "worm", "parasite",
        "failure", "disgrace", "dumbass", "dipshit", "jackass", "asshole", "arsehole", "bitch", "bastard", "dickhead", "prick",
        "twat", "wanker", "douche", "douchebag", "freak", "creep", "degenerate", "lowlife", "vermin", "cockroach", "maggot",
        "mongrel", "swine", "psycho", "fatso", "fatass", "shithead", "fuckface", "fucker", "motherfucker", "embarrassment",
        "halfwit", "nitwit", "numbskull", "bonehead", "cow", "dog", "slob", "pervert", "weirdo",
        "fool", "dummy", "clown", "jerk", "dork", "twit", "ho", "hoe", "jerk-off", "jerkoff", "scum-bag", "dip-shit", "low-life",
        "buffoon", "dimwit", "simpleton", "knobhead", "tosser", "muppet", "wimp", "coward", "hypocrite", "liar", "snake", "leech");

    public static readonly FrozenSet<string> InsultAdjectives = Set(
        "stupid", "dumb", "worthless", "useless", "pathetic", "ugly", "fat", "disgusting", "idiotic", "brainless", "hopeless",
        "miserable", "gross", "repulsive", "hideous", "ignorant", "incompetent", "braindead", "spineless", "vile", "filthy",
        "nasty", "revolting", "moronic", "pitiful", "insignificant", "unlovable", "trashy", "clueless", "dimwitted", "stinking",
        "smelly", "dense", "annoying", "brain-dead", "good-for-nothing", "two-faced", "retarded", "despicable", "loathsome", "unwanted");

    /// <summary>Words that sharpen an insult or a threat aimed at someone.</summary>
    public static readonly FrozenSet<string> Intensifiers = Set(
        "fucking", "fuckin", "effing", "freaking", "bloody", "damn", "goddamn", "absolute", "total", "complete", "utter", "such");

    /// <summary>Words allowed inside an insult ("you are such a total ...").</summary>
    public static readonly FrozenSet<string> InsultFillers = Set(
        "such", "so", "a", "an", "the", "real", "little", "big", "really", "very", "most", "biggest", "just", "pure", "piece", "of",
        "nothing", "but", "ever", "absolute", "total", "complete", "utter", "fucking", "fuckin", "effing", "freaking", "bloody",
        "damn", "goddamn", "sorry", "excuse", "for", "human", "being", "one", "truly", "and", "ass");

    public static readonly FrozenSet<string> Profanity = Set(
        "fuck", "fucking", "shit", "bitch", "bastard", "asshole", "dick", "cock", "prick", "motherfucker", "bullshit", "wanker", "twat");

    /// <summary>People a threat or insult can be aimed at, after "my", "your", "his"...</summary>
    public static readonly FrozenSet<string> PersonNouns = Set(
        "family", "kids", "kid", "children", "child", "mom", "mum", "mother", "dad", "father", "wife", "husband", "son", "daughter",
        "sister", "brother", "girlfriend", "boyfriend", "friend", "friends", "parents", "baby", "boss", "neighbour", "neighbor",
        "teacher", "coworker", "colleague", "roommate", "ex", "classmate", "landlord", "manager", "cousin", "grandma", "grandpa",
        "partner", "fiance", "fiancee", "students", "student", "stepdad", "stepmom", "stepfather", "stepmother", "uncle", "aunt",
        "nephew", "niece", "grandson", "granddaughter", "coach", "doctor", "lawyer", "bf", "gf", "bestie", "housemate", "flatmate",
        "supervisor", "employee", "tenant", "professor", "principal", "pastor", "priest", "mate", "buddy", "guy", "girl", "boy",
        "man", "woman", "lady", "in-laws", "mother-in-law", "father-in-law", "brother-in-law", "sister-in-law", "wife's", "team");

    /// <summary>Animals a threat can name ("I will kill your dog"); not people to insult.</summary>
    public static readonly FrozenSet<string> Pets = Set("dog", "dogs", "cat", "cats", "puppy", "kitten", "pets", "pet", "horse");

    /// <summary>Body parts a threat names ("slit your throat", "break your legs").</summary>
    public static readonly FrozenSet<string> BodyParts = Set(
        "throat", "neck", "face", "head", "skull", "legs", "leg", "arms", "arm", "knees", "teeth", "bones", "fingers", "eyes",
        "heart", "guts", "wrists", "spine", "jaw", "nose", "ribs");

    /// <summary>Groups that hate speech singles out.</summary>
    public static readonly FrozenSet<string> Groups = Set(
        "jews", "muslims", "christians", "blacks", "whites", "gays", "lesbians", "immigrants", "refugees", "mexicans", "asians",
        "arabs", "africans", "gypsies", "roma", "hindus", "sikhs", "catholics", "atheists", "foreigners", "migrants", "indians",
        "chinese", "transgenders", "homosexuals", "latinos", "hispanics", "italians", "irish", "poles", "russians", "ukrainians",
        "palestinians", "israelis", "women", "feminists", "liberals", "conservatives", "disabled", "jew", "muslim");

    /// <summary>What dehumanising speech calls a group (singular too: the lemma of "rats" is "rat").</summary>
    public static readonly FrozenSet<string> Dehumanising = Set(
        "vermin", "animals", "animal", "rats", "rat", "cockroaches", "cockroach", "parasites", "parasite", "subhuman", "subhumans",
        "scum", "filth", "trash", "garbage", "disease", "plague", "cancer", "inferior", "savages", "evil", "dirty", "disgusting",
        "worthless", "apes", "monkeys", "pigs", "pig", "dogs", "dog", "insects", "locusts", "rapists", "criminals", "terrorists",
        "invaders", "leeches", "maggot", "worm", "swine", "mongrel");

    /// <summary>What harassment does to a person ("humiliate my coworker", "bully @maria").</summary>
    public static readonly FrozenSet<string> HarassmentVerbs = Set(
        "humiliate", "humiliating", "mock", "mocking", "bully", "bullying", "harass", "harassing", "shame", "shaming", "ridicule",
        "ridiculing", "expose", "exposing", "embarrass", "embarrassing", "threaten", "threatening", "intimidate", "intimidating",
        "stalk", "stalking", "dox", "doxx", "doxing", "doxxing", "degrade", "degrading", "torment", "tormenting");

    /// <summary>Insult words that count less: "clown" or "fool" can be said fondly.</summary>
    public static readonly FrozenSet<string> MildInsults = Set(
        "fool", "dummy", "clown", "jerk", "dork", "twit", "cow", "dog", "pig", "rat", "worm", "freak", "creep", "weirdo", "psycho",
        "lame", "annoying", "dense", "smelly", "fat", "ho", "hoe", "slob");

    /// <summary>Every word above, for joining spelled-out letters back into words.</summary>
    public static IEnumerable<string> Words =>
        Lemmas.Keys.Concat(InsultNouns).Concat(InsultAdjectives).Concat(Profanity).Concat(Slurs.Words).Concat(PersonNouns)
            .Concat(BodyParts).Concat(Groups).Concat(Dehumanising).Concat(HarassmentVerbs).Concat(Intensifiers).Concat(InsultFillers)
            .Concat(["kys", "yourself", "die", "dead", "hate", "shut", "up", "hope", "deserve", "suck", "waste", "space", "everyone",
                "everybody", "nobody", "likes", "loves", "hates", "should", "going", "you're", "your", "live", "where", "know"]);

    /// <summary>Words some rule reacts to: a benign sense must hold one to be worth rewriting.</summary>
    public static readonly FrozenSet<string> Triggers = Lemmas.Values.Concat(InsultNouns).Concat(InsultAdjectives).Concat(Profanity)
        .Concat(Slurs.Words).Concat(["die", "dead", "dying", "killer", "shut", "you", "gore", "murder", "suck"]).ToFrozenSet(StringComparer.Ordinal);

    private static FrozenDictionary<string, string> BuildLemmas()
    {
        // Irregular forms; regular ones are made below (kill → kills, killed, killing).
        var irregular = new[]
        {
            "shoot: shot,shooting,shoots", "beat: beaten,beating,beats", "cut: cutting,cuts", "slit: slitting,slits",
            "hang: hung,hanged", "burn: burnt", "break: broke,broken,breaking,breaks",
            "find: found,finding,finds", "get: got,getting,gets,gotten", "catch: caught,catches,catching",
            "bury: buried,buries,burying", "come: coming,comes,came", "teach: taught,teaches,teaching",
            "stab: stabbed,stabbing,stabs", "gut: gutted,gutting,guts", "skin: skinned,skinning",
            "slap: slapped,slapping,slaps", "whip: whipped,whipping,whips", "stomp: stomped,stomping,stomps",
        }.Select(e => e.Split(": ")).ToDictionary(e => e[0], e => e[1].Split(','), StringComparer.Ordinal);
        var lemmas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var verb in ViolentVerbs.Concat(SoftVerbs))
        {
            lemmas[verb] = verb;
            if (irregular.TryGetValue(verb, out var forms))
            {
                foreach (var form in forms)
                    lemmas.TryAdd(form, verb);
                continue;
            }

            var stem = verb.EndsWith('e') ? verb[..^1] : verb;
            var s = verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal) ? "es" : "s";
            foreach (var form in new[] { verb + s, stem + "ed", stem + "ing", stem + "in" })
                lemmas.TryAdd(form, verb);
        }

        return lemmas.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);
}
