namespace AiProd.Workers.Common;

/// <summary>
/// Words the creative director writes into a scene's Camera and Lighting text and the visual translator reads back.
/// Scenes are plain text on the wire (a hosted LLM director writes them too), so the two stages agree on these
/// words instead of on extra fields.
/// </summary>
public static class DirectionCues
{
    /// <summary>In Camera: hold shots longer, so the translator plans fewer shots per scene.</summary>
    public const string LongTake = "long take";

    /// <summary>In Camera: no handheld shake, less motion.</summary>
    public const string Steady = "steady";

    /// <summary>In Camera: more movement on screen.</summary>
    public const string Dynamic = "dynamic";

    /// <summary>In Camera: keep detail crisp, which means less motion blur.</summary>
    public const string CrispFocus = "crisp focus";

    /// <summary>In Lighting: lift the exposure.</summary>
    public const string Bright = "bright";

    /// <summary>In Lighting: lower the exposure (never to near-black).</summary>
    public const string LowKey = "low-key";

    /// <summary>In Lighting: push the palette's two colours apart.</summary>
    public const string HighContrast = "high-contrast";

    /// <summary>
    /// In Lighting: one look across the scene's shots: they keep one camera movement (so one motion level) and their
    /// prompts share one style line (lighting and mood), besides the palette every shot of a scene already shares.
    /// </summary>
    public const string OneLook = "one look";
}
