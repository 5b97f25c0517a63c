using AiProd.Workers.Common;

namespace AiProd.Workers.Creative.Visual;

/// <summary>The closed vocabularies of <c>Shot</c> and <c>ShotSpec</c>, and how camera text maps onto them.</summary>
public static class ShotVocabulary
{
    /// <summary>From loosest to tightest; framing progressions step through this list.</summary>
    // Declared before Framings: static fields initialise in textual order.
    private static readonly string[] FramingOrder = ["extreme wide", "wide", "medium", "close-up", "extreme close-up"];

    public static readonly IReadOnlyList<string> Framings = FramingOrder;

    public static readonly IReadOnlyList<string> Movements = ["static", "pan left", "pan right", "tilt up", "tilt down", "push in", "pull out", "orbit", "handheld"];

    public static readonly IReadOnlyList<string> Transitions = ["cut", "fade", "dissolve", "wipe", "slide"];

    public static readonly IReadOnlyList<string> Patterns = ["gradient", "waves", "particles", "rings", "bars"];

    // Checked in order: the most specific phrases first, so "slow pan right on a tripod" is a pan, not static.
    private static readonly (string[] Phrases, string Movement)[] CameraRules =
    [
        (["orbit", "circle around", "circling"], "orbit"),
        (["push in", "push-in", "dolly in", "zoom in", "moves in"], "push in"),
        (["pull out", "pull back", "dolly out", "zoom out"], "pull out"),
        (["pan left"], "pan left"),
        (["pan right", "pan"], "pan right"),
        (["tilt up", "crane up"], "tilt up"),
        (["tilt down", "crane down", "tilt"], "tilt down"),
        (["handheld", "hand-held", "follow", "tracking", "shaky"], "handheld"),
        (["static", "hold", "tripod", "locked", "still"], "static"),
    ];

    /// <summary>
    /// The movement a scene's camera text asks for. "steady" rules out handheld shake: such a shot becomes static.
    /// Unknown text is static, the safest choice for any renderer.
    /// </summary>
    public static string MovementFrom(string camera)
    {
        var text = camera.ToLowerInvariant();
        var movement = CameraRules.FirstOrDefault(r => PromptText.ContainsAny(text, r.Phrases)).Movement ?? "static";
        return movement == "handheld" && PromptText.ContainsAny(text, [DirectionCues.Steady]) ? "static" : movement;
    }

    /// <summary>A related movement for the next shot of the same scene, so consecutive shots do not repeat exactly.</summary>
    public static string Complement(string movement) => movement switch
    {
        "pan left" => "pan right",
        "pan right" => "pan left",
        "tilt up" => "tilt down",
        "tilt down" => "tilt up",
        "push in" => "orbit",
        "orbit" => "push in",
        "pull out" => "static",
        _ => movement,
    };

    /// <summary>Position of <paramref name="framing"/> from loosest (0) to tightest (4); unknown framing counts as medium.</summary>
    public static int FramingIndex(string framing)
    {
        var index = Array.IndexOf(FramingOrder, framing);
        return index < 0 ? 2 : index;
    }

    /// <summary>Framing at <paramref name="index"/>, clamped to the list.</summary>
    public static string Framing(int index) => Framings[Math.Clamp(index, 0, Framings.Count - 1)];
}
