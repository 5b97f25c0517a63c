using System.Globalization;
using AiProd.Contracts;
using AiProd.Workers.Common;

namespace AiProd.Workers.Creative.Visual;

/// <summary>
/// Breaks each scene into 1–5 shots and gives every shot a renderable spec. Pure and deterministic: shot ids depend
/// only on the creative attempt, scene and position, so a re-run of the same plan produces the same ids and the
/// render stage can skip shots it already has.
/// </summary>
public sealed class VisualTranslator : IVisualTranslator
{
    public IReadOnlyList<Shot> Translate(VideoRequest request, CreativeDirection direction)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(direction);
        if (direction.Scenes.Count == 0)
            throw new StepException(VideoStages.Visual, "no_scenes", "The creative direction has no scenes to translate into shots.", retryable: false);

        var shots = new List<Shot>();
        for (var s = 0; s < direction.Scenes.Count; s++)
        {
            var scene = direction.Scenes[s];
            var next = s + 1 < direction.Scenes.Count ? direction.Scenes[s + 1] : null;
            shots.AddRange(TranslateScene(request, direction.Attempt, scene, next, shots.Count));
        }

        return Captions.OncePerScene(shots, request.BurnSubtitles);
    }

    private static IEnumerable<Shot> TranslateScene(VideoRequest request, int attempt, Scene scene, Scene? next, int firstOrder)
    {
        var count = ShotPlanner.ShotCount(scene);
        var durations = ShotPlanner.Durations(scene, count);
        var baseMovement = ShotVocabulary.MovementFrom(scene.Camera);
        var subject = ShotStyler.Core(scene.Description, 60);
        // "one look": every shot of the scene keeps the scene's movement and carries the same style line.
        var oneLook = PromptText.ContainsAny(scene.Lighting, [DirectionCues.OneLook]);
        var style = oneLook ? $" Style for every shot of this scene: {StyleOf(scene.Lighting)}, {scene.Mood} mood." : "";

        for (var n = 0; n < count; n++)
        {
            var framing = ShotPlanner.Framing(scene.Beat, n, count);
            var movement = n % 2 == 0 || oneLook ? baseMovement : ShotVocabulary.Complement(baseMovement);
            var id = string.Create(CultureInfo.InvariantCulture, $"c{attempt}-s{scene.Index:00}-sh{n + 1:00}");
            yield return new Shot(
                id,
                scene.Index,
                firstOrder + n,
                $"{framing} shot, {movement}: {scene.Description}{style}",
                framing,
                movement,
                ShotPlanner.TransitionOut(scene, next, lastShotOfScene: n == count - 1),
                ShotPlanner.Keyframes(scene, framing, movement, subject),
                Centis.ToSeconds(durations[n]),
                ShotStyler.Spec(request, scene, movement))
            {
                Narration = n == 0 ? scene.Narration : "",
            };
        }
    }

    private static string StyleOf(string lighting) =>
        lighting.Replace($", {DirectionCues.OneLook}", "", StringComparison.OrdinalIgnoreCase).Trim();
}
