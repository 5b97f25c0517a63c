using System.Globalization;
using AiProd.Contracts;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Direction;

namespace AiProd.Workers.Creative.Visual;

/// <summary>
/// Turns a scene's words into the numbers a renderer needs: colours from lighting and mood, exposure from lighting,
/// motion from movement and mood, a procedural pattern from what the scene shows, and a caption.
/// </summary>
public static class ShotStyler
{
    public const int MaxCaptionLength = 48;

    /// <summary>Exposure never goes below this: the local renderer must not produce near-black frames (QA fails them).</summary>
    public const double MinBrightness = 0.35;

    private static readonly (string Key, string Color, double Brightness)[] LightingLooks =
    [
        ("storm", "#3d4a5c", 0.45), ("neon", "#ff2e88", 0.55), ("moon", "#1f3a5f", 0.4), ("golden", "#f2a541", 0.75),
        ("dawn", "#f7c59f", 0.7), ("underwater", "#0e7c9b", 0.5), ("starlight", "#2b2d42", 0.4), ("fiery", "#d1495b", 0.65),
        ("cold", "#a9bcd0", 0.6), ("dappled", "#6a994e", 0.7), ("overcast", "#8d99ae", 0.6), ("daylight", "#87ceeb", 0.8),
        ("interior", "#e9c46a", 0.65),
    ];

    private static readonly Dictionary<string, string> MoodColors = new(StringComparer.Ordinal)
    {
        ["mysterious"] = "#6c4f8c",
        ["nostalgic"] = "#c97c5d",
        ["hopeful"] = "#ffd166",
        ["tense"] = "#8d0801",
        ["electric"] = "#00f5d4",
        ["dreamy"] = "#b8c0ff",
        ["serene"] = "#a8dadc",
        ["intense"] = "#e63946",
        ["calm"] = "#90be6d",
        ["awe"] = "#e0e1dd",
        ["triumphant"] = "#ffb703",
        ["peaceful"] = "#cce3de",
        ["energetic"] = "#fb8500",
        ["reflective"] = "#457b9d",
        ["building"] = "#f4a261",
        ["curious"] = "#2a9d8f",
        ["dramatic"] = "#9d0208",
        ["melancholic"] = "#5c677d",
        ["joyful"] = "#ffbe0b",
        ["uplifting"] = "#8ecae6",
        ["contemplative"] = "#b5838d",
    };

    private static readonly (string Movement, double Motion)[] MovementMotion =
    [
        ("static", 0.1), ("pan left", 0.35), ("pan right", 0.35), ("tilt up", 0.3), ("tilt down", 0.3),
        ("push in", 0.45), ("pull out", 0.4), ("orbit", 0.6), ("handheld", 0.75),
    ];

    private static readonly (string Pattern, string[] Words)[] PatternRules =
    [
        ("waves", ["water", "ocean", "sea", "river", "lake", "wave", "waves", "underwater", "rain", "surf", "beach", "swim", "swims", "swimming"]),
        ("particles", ["snow", "star", "stars", "starlight", "fire", "sparks", "dust", "fireflies", "galaxy", "space", "confetti", "smoke", "embers"]),
        ("rings", ["sun", "moon", "moonlit", "planet", "portal", "eye", "circle", "ring", "vortex"]),
        ("bars", ["city", "building", "buildings", "street", "neon", "skyline", "music", "concert", "crowd", "traffic", "tower"]),
    ];

    private static readonly string[] EnergeticMoods = ["energetic", "intense", "electric", "tense", "dramatic", "triumphant", "joyful"];

    private static readonly string[] CalmMoods = ["calm", "serene", "peaceful", "reflective", "dreamy", "contemplative"];

    public static ShotSpec Spec(VideoRequest request, Scene scene, string movement)
    {
        var size = FrameSize.For(request.AspectRatio, request.Resolution);
        var (primary, secondary) = Palette(scene);
        return new ShotSpec(size.Width, size.Height, request.FrameRate, primary, secondary, Brightness(scene.Lighting),
            MotionIntensity(scene, movement), Pattern(scene), Caption(scene.Description));
    }

    /// <summary>Primary from the lighting, secondary from the first mood word with a colour; "high-contrast" pushes them apart.</summary>
    public static (string Primary, string Secondary) Palette(Scene scene)
    {
        var primary = LightingLooks.FirstOrDefault(l => LightingHas(scene.Lighting, l.Key)).Color ?? "#7f8c8d";
        var secondary = PromptText.Words(scene.Mood).Select(w => MoodColors.GetValueOrDefault(w)).FirstOrDefault(c => c is not null) ?? "#f1faee";
        if (!Has(scene.Lighting, DirectionCues.HighContrast))
            return (primary, secondary);

        var primaryIsDarker = Rgb.Luminance(primary) <= Rgb.Luminance(secondary);
        return (Rgb.Mix(primary, primaryIsDarker ? "#000000" : "#ffffff", 0.5), Rgb.Mix(secondary, primaryIsDarker ? "#ffffff" : "#000000", 0.5));
    }

    /// <summary>From the lighting's base exposure, ±0.2 for each "bright" / "low-key", within 0.35–1.</summary>
    public static double Brightness(string lighting)
    {
        var words = PromptText.Words(lighting);
        var baseline = LightingLooks.FirstOrDefault(l => LightingHas(lighting, l.Key)).Brightness is var b and > 0 ? b : 0.7;
        var adjusted = baseline + (0.2 * words.Count(w => w == DirectionCues.Bright)) - (0.2 * words.Count(w => w == DirectionCues.LowKey));
        return Math.Round(Math.Clamp(adjusted, MinBrightness, 1), 2);
    }

    /// <summary>Movement's base motion, lifted by energetic moods, the climax and "dynamic"; lowered by calm moods, "steady" and "crisp focus".</summary>
    public static double MotionIntensity(Scene scene, string movement)
    {
        var motion = MovementMotion.FirstOrDefault(m => m.Movement == movement).Motion;
        if (PromptText.ContainsAny(scene.Mood, EnergeticMoods))
            motion += 0.2;
        if (PromptText.ContainsAny(scene.Mood, CalmMoods))
            motion -= 0.1;
        if (scene.Beat == NarrativeArc.Climax)
            motion += 0.1;
        if (Has(scene.Camera, DirectionCues.Dynamic))
            motion += 0.15;
        if (Has(scene.Camera, DirectionCues.Steady))
            motion -= 0.15;
        if (Has(scene.Camera, DirectionCues.CrispFocus))
            motion -= 0.1;
        return Math.Round(Math.Clamp(motion, 0, 1), 2);
    }

    /// <summary>The first pattern whose words appear in the description or lighting; a gradient otherwise.</summary>
    public static string Pattern(Scene scene)
    {
        var text = $"{scene.Description} {scene.Lighting}";
        return PatternRules.FirstOrDefault(r => PromptText.ContainsAny(text, r.Words)).Pattern ?? "gradient";
    }

    /// <summary>The description's core (without a short "Key moment:" lead), first clause, at most 48 characters.</summary>
    public static string Caption(string description)
    {
        var core = Core(description, MaxCaptionLength);
        return core.Length == 0 ? core : char.ToUpper(core[0], CultureInfo.InvariantCulture) + core[1..];
    }

    /// <summary>What a scene is about, as written, without its lead, cut at the first clause and to <paramref name="max"/> characters.</summary>
    public static string Core(string description, int max)
    {
        var text = description.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is > 0 and <= 20)
            text = text[(colon + 1)..].Trim();
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        if (semicolon > 0)
            text = text[..semicolon];
        return PromptText.Truncate(text.TrimEnd('.', ' '), max);
    }

    private static bool Has(string text, string key) => PromptText.ContainsAny(text, [key]);

    // Lighting keys are word stems ("moon" for moonlit and moonlight), so they match inside words.
    private static bool LightingHas(string lighting, string key) => lighting.Contains(key, StringComparison.OrdinalIgnoreCase);
}
