namespace AiProd.Contracts;

/// <summary>One scene of the creative direction.</summary>
/// <param name="Index">0-based position in the video.</param>
/// <param name="Beat">Narrative role: "setup", "rising", "climax", "falling" or "resolution".</param>
/// <param name="Description">What happens, in words a renderer or a person can follow.</param>
/// <param name="Camera">Camera intent, for example "slow push-in".</param>
/// <param name="Lighting">Lighting, for example "golden hour".</param>
/// <param name="Mood">Mood, for example "serene".</param>
/// <param name="DurationSeconds">Scene length; the scenes add up to the requested duration.</param>
public sealed record Scene(
    int Index,
    string Beat,
    string Description,
    string Camera,
    string Lighting,
    string Mood,
    double DurationSeconds)
{
    /// <summary>The voice-over line spoken over this scene (empty: the scene is not narrated). Subtitles show it.</summary>
    public string Narration { get; init; } = "";
}
