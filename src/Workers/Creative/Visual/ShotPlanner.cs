using AiProd.Contracts;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Direction;

namespace AiProd.Workers.Creative.Visual;

/// <summary>Pure decisions about a scene's shots: how many, how long, how framed and how they end.</summary>
public static class ShotPlanner
{
    public const int MaxShotsPerScene = 5;

    /// <summary>No shot is shorter than this (hundredths of a second): shorter cuts read as flicker.</summary>
    public const int MinShotCentis = 120;

    private static readonly string[] CalmMoods = ["serene", "dreamy", "calm", "peaceful", "nostalgic", "reflective", "mysterious", "contemplative", "melancholic", "awe"];

    private static readonly string[] EnergeticMoods = ["energetic", "intense", "electric", "tense", "dramatic", "triumphant", "joyful", "building"];

    /// <summary>
    /// Shots for a scene: one per "beat length" of screen time (1.8 s at the climax, up to 3.5 s at the resolution),
    /// halved for a long take, never shorter than 1.2 s each and 1–5 in all.
    /// </summary>
    public static int ShotCount(Scene scene)
    {
        var beatLength = scene.Beat switch
        {
            NarrativeArc.Climax => 1.8,
            NarrativeArc.Rising => 2.5,
            NarrativeArc.Resolution => 3.5,
            _ => 3.0,
        };
        var wanted = (int)Math.Ceiling(Math.Round(scene.DurationSeconds / beatLength, 6));
        if (PromptText.ContainsAny(scene.Camera, [DirectionCues.LongTake]))
            wanted /= 2;
        var fitting = Centis.From(scene.DurationSeconds) / MinShotCentis;
        return Math.Clamp(Math.Min(wanted, fitting), 1, MaxShotsPerScene);
    }

    /// <summary>Shot lengths in hundredths, equal shares with the remainder on the last shot.</summary>
    public static IReadOnlyList<int> Durations(Scene scene, int shots)
    {
        var total = Centis.From(scene.DurationSeconds);
        return Centis.Split(total, Enumerable.Repeat(1.0, shots).ToList(), Math.Min(MinShotCentis, total / shots));
    }

    /// <summary>
    /// Framing of shot <paramref name="n"/> of <paramref name="count"/>: most beats tighten shot by shot (wide to
    /// close-up), the falling action and the resolution loosen to let the viewer step back.
    /// </summary>
    public static string Framing(string beat, int n, int count) => beat switch
    {
        NarrativeArc.Setup => ShotVocabulary.Framing(n),
        NarrativeArc.Rising or NarrativeArc.Climax => ShotVocabulary.Framing(1 + n),
        NarrativeArc.Falling => ShotVocabulary.Framing(Math.Max(1, 2 - n)),
        _ => ShotVocabulary.Framing(1 + (count - 1 - n)),
    };

    /// <summary>
    /// How a shot hands over to the next. Inside a scene it is a cut; between scenes calm moods dissolve, the way into
    /// the resolution fades, energetic moods wipe or slide. The video's last shot is always a cut: nothing follows it.
    /// </summary>
    public static string TransitionOut(Scene scene, Scene? next, bool lastShotOfScene)
    {
        if (next is null && lastShotOfScene)
            return "cut";
        if (!lastShotOfScene)
            return "cut";
        if (scene.Beat == NarrativeArc.Falling || next?.Beat == NarrativeArc.Resolution)
            return "fade";
        if (PromptText.ContainsAny(scene.Mood, CalmMoods))
            return "dissolve";
        if (PromptText.ContainsAny(scene.Mood, EnergeticMoods))
            return scene.Beat == NarrativeArc.Climax ? "wipe" : "slide";
        return "cut";
    }

    /// <summary>The first, middle and last frame, in words a renderer or a reviewer can check.</summary>
    public static IReadOnlyList<string> Keyframes(Scene scene, string framing, string movement, string subject)
    {
        var endFraming = movement switch
        {
            "push in" => ShotVocabulary.Framing(ShotVocabulary.FramingIndex(framing) + 1),
            "pull out" => ShotVocabulary.Framing(ShotVocabulary.FramingIndex(framing) - 1),
            _ => framing,
        };
        var middle = movement switch
        {
            "static" => "the camera holds still",
            "orbit" => "the camera orbits the subject",
            "handheld" => "the camera follows handheld",
            _ => $"the camera {movement.Replace("pan", "pans", StringComparison.Ordinal).Replace("tilt", "tilts", StringComparison.Ordinal).Replace("push", "pushes", StringComparison.Ordinal).Replace("pull", "pulls", StringComparison.Ordinal)}",
        };
        return
        [
            $"start ({framing}): {subject}; {scene.Lighting}, {scene.Mood} mood",
            $"middle: {middle} on {subject}",
            $"end ({endFraming}): {subject} as the {scene.Beat} beat closes",
        ];
    }
}
