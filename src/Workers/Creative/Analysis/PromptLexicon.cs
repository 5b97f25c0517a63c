namespace AiProd.Workers.Creative.Analysis;

/// <summary>
/// Small word lists the analyzer counts features with. They are deliberately short and visual: they only need to
/// rank prompts by how much has to happen on screen, not to parse English.
/// </summary>
public static class PromptLexicon
{
    /// <summary>Verbs of visible action (stems; "runs", "running" match "run").</summary>
    public static readonly IReadOnlySet<string> ActionVerbs = Set(
        "run", "walk", "jump", "fly", "dance", "chase", "fight", "explode", "swim", "drive", "race", "fall", "spin", "crash",
        "climb", "ride", "soar", "dive", "throw", "catch", "kick", "punch", "shoot", "build", "break", "burst",
        "transform", "morph", "grow", "melt", "collapse", "escape", "attack", "sail", "surf", "skate", "glide", "rise",
        "sprint", "leap", "roll", "crawl", "float", "play", "sing", "cook", "paint", "open", "turn",
        "look", "enter", "leave", "arrive", "launch", "pour", "splash", "gallop", "hunt", "hover", "swing");

    /// <summary>Words that order events in time; each one usually means another beat on screen.</summary>
    public static readonly IReadOnlySet<string> Sequencing = Set(
        "then", "while", "after", "afterwards", "before", "finally", "next", "meanwhile", "suddenly", "later", "until",
        "eventually", "first", "second", "third", "lastly", "once", "during");

    /// <summary>Places and settings.</summary>
    public static readonly IReadOnlySet<string> Locations = Set(
        "city", "forest", "beach", "ocean", "sea", "mountain", "desert", "street", "room", "kitchen", "space", "sky",
        "river", "lake", "field", "meadow", "jungle", "village", "castle", "island", "cave", "valley", "park", "garden",
        "road", "bridge", "station", "office", "house", "home", "school", "market", "harbor", "harbour", "stage", "arena",
        "planet", "moon", "underwater", "rooftop", "alley", "temple", "canyon", "waterfall", "volcano", "snowfield", "lab");

    /// <summary>Camera and editing vocabulary.</summary>
    public static readonly IReadOnlySet<string> CameraTerms = Set(
        "close-up", "closeup", "wide", "aerial", "drone", "pan", "zoom", "tracking", "dolly", "crane", "timelapse",
        "time-lapse", "slow-motion", "pov", "angle", "shot", "handheld", "orbit", "tilt", "establishing", "macro", "cinematic");

    /// <summary>Characters: people, animals and creatures that the viewer follows.</summary>
    public static readonly IReadOnlySet<string> Characters = Set(
        "man", "woman", "girl", "boy", "child", "kid", "person", "people", "crowd", "dog", "cat", "horse", "bird", "robot",
        "knight", "dragon", "astronaut", "fox", "wolf", "bear", "lion", "tiger", "dancer", "soldier", "chef", "pilot",
        "king", "queen", "wizard", "alien", "monster", "family", "friend", "hero", "villain", "couple", "player", "team",
        "farmer", "sailor", "detective", "scientist", "musician", "whale", "dolphin", "eagle", "owl", "deer", "rabbit");

    /// <summary>Describing words that are never the subject of a shot.</summary>
    public static readonly IReadOnlySet<string> Modifiers = Set(
        "beautiful", "slow", "slowly", "fast", "quick", "quickly", "big", "small", "large", "tiny", "huge", "old", "new",
        "young", "bright", "dark", "happy", "sad", "cinematic", "epic", "stunning", "amazing", "gentle", "gently", "soft",
        "hard", "high", "low", "long", "short", "full", "empty", "other", "another", "same", "different", "own", "few");

    private static HashSet<string> Set(params string[] words) => new(words, StringComparer.Ordinal);
}
