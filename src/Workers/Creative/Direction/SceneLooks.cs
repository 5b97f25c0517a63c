using AiProd.Workers.Common;

namespace AiProd.Workers.Creative.Direction;

/// <summary>A lighting and a base mood that suit a prompt.</summary>
public sealed record Look(string Lighting, string Mood);

/// <summary>
/// Picks lighting, mood and camera words. Keywords in the prompt decide the look ("night" is moonlit whatever
/// happens); without a keyword, and for cameras, a stable hash of prompt and attempt picks among good options so
/// that a new attempt looks different but the same attempt always looks the same.
/// </summary>
public static class SceneLooks
{
    private static readonly (string[] Keywords, Look Look)[] KeywordLooks =
    [
        (["storm", "thunder", "lightning", "hurricane", "tornado"], new("dramatic storm light", "tense")),
        (["neon", "cyberpunk", "nightclub", "arcade"], new("neon glow", "electric")),
        (["night", "midnight", "moon", "moonlight", "nocturnal"], new("moonlit", "mysterious")),
        (["sunset", "dusk", "evening", "twilight"], new("golden hour", "nostalgic")),
        (["sunrise", "dawn", "morning", "daybreak"], new("soft dawn light", "hopeful")),
        (["underwater", "ocean", "sea", "reef", "diver"], new("caustic underwater light", "dreamy")),
        (["space", "galaxy", "stars", "nebula", "astronaut", "planet"], new("starlight", "awe")),
        (["fire", "explosion", "battle", "volcano", "lava", "war"], new("fiery", "intense")),
        (["snow", "winter", "ice", "frozen", "blizzard"], new("cold overcast", "calm")),
        (["forest", "jungle", "woods", "meadow", "garden"], new("dappled sunlight", "serene")),
        (["rain", "fog", "mist", "cloudy"], new("overcast", "melancholic")),
        (["party", "festival", "celebration", "carnival", "concert"], new("bright daylight", "joyful")),
    ];

    private static readonly Look[] DefaultLooks =
    [
        new("soft daylight", "serene"), new("bright daylight", "uplifting"), new("warm interior light", "contemplative"),
    ];

    private static readonly Dictionary<string, string[]> BeatMoods = new(StringComparer.Ordinal)
    {
        [NarrativeArc.Rising] = ["building", "curious", "energetic"],
        [NarrativeArc.Climax] = ["intense", "triumphant", "dramatic"],
        [NarrativeArc.Falling] = ["reflective", "calm"],
        [NarrativeArc.Resolution] = ["peaceful", "hopeful", "serene"],
    };

    private static readonly Dictionary<string, string[]> BeatCameras = new(StringComparer.Ordinal)
    {
        [NarrativeArc.Setup] = ["slow establishing pan right", "static wide establishing shot", "slow crane tilt down onto the scene"],
        [NarrativeArc.Rising] = ["tracking pan left with the action", "slow push in", "handheld follow"],
        [NarrativeArc.Climax] = ["fast push in", "orbit around the subject", "handheld close on the action"],
        [NarrativeArc.Falling] = ["slow pull out", "gentle pan left", "tilt up and away"],
        [NarrativeArc.Resolution] = ["slow pull out to a wide view", "static wide hold", "tilt up to the sky"],
    };

    private static readonly string[] DynamicCameras = ["fast push in", "orbit around the subject", "handheld follow", "whip pan right"];

    private static readonly string[] SteadyCameras = ["static tripod shot", "slow pan right on a tripod", "slow push in on a dolly", "static tripod shot"];

    /// <summary>The prompt's look: the first keyword rule that matches, else a hashed default.</summary>
    public static Look For(string prompt, int attempt) =>
        KeywordLooks.FirstOrDefault(k => PromptText.ContainsAny(prompt, k.Keywords)).Look
        ?? StableHash.Pick(DefaultLooks, prompt, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The setup keeps the prompt's own mood; later beats shift it so the arc can be felt.</summary>
    public static string Mood(Look look, string beat, string seed) =>
        BeatMoods.TryGetValue(beat, out var moods) ? StableHash.Pick(moods, seed, beat) : look.Mood;

    /// <summary>Camera intent for a beat; feedback can force moving or steady cameras.</summary>
    public static string Camera(string beat, string seed, CameraStyle style) => style switch
    {
        CameraStyle.Dynamic => StableHash.Pick(DynamicCameras, seed, beat),
        CameraStyle.Steady => StableHash.Pick(SteadyCameras, seed, beat),
        _ => StableHash.Pick(BeatCameras[beat], seed, beat),
    };
}

/// <summary>Which camera family feedback asks for.</summary>
public enum CameraStyle
{
    ByBeat,
    Dynamic,
    Steady,
}
