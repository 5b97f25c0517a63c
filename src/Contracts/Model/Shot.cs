namespace AiProd.Contracts;

/// <summary>One shot of the visual plan: what a render backend renders in one go.</summary>
/// <param name="ShotId">Stable id, unique within a video, for example "c1-s02-sh01" (creative attempt, scene, shot).</param>
/// <param name="SceneIndex">The scene this shot belongs to.</param>
/// <param name="Order">0-based position of the shot in the whole video.</param>
/// <param name="Description">What the shot shows.</param>
/// <param name="Framing">"extreme wide", "wide", "medium", "close-up" or "extreme close-up".</param>
/// <param name="Movement">"static", "pan left", "pan right", "tilt up", "tilt down", "push in", "pull out", "orbit" or "handheld".</param>
/// <param name="TransitionOut">Transition into the next shot: "cut", "fade", "dissolve", "wipe" or "slide"; ignored on the last shot.</param>
/// <param name="Keyframes">Descriptions of the first, middle and last frame.</param>
/// <param name="DurationSeconds">Visible length of the shot in the final video.</param>
/// <param name="Spec">The technical parameters a renderer needs.</param>
public sealed record Shot(
    string ShotId,
    int SceneIndex,
    int Order,
    string Description,
    string Framing,
    string Movement,
    string TransitionOut,
    IReadOnlyList<string> Keyframes,
    double DurationSeconds,
    ShotSpec Spec)
{
    /// <summary>The scene's voice-over line, on the first shot of its scene only (empty elsewhere): it starts as this shot starts.</summary>
    public string Narration { get; init; } = "";
}
