using AiProd.Contracts;

namespace AiProd.Workers.Creative.Visual;

/// <summary>
/// Which shots carry the scene's caption: the first shot of each scene only, and never a caption the video already
/// showed, so a viewer reads each line once. With burned-in subtitles the subtitles are the only text on screen.
/// </summary>
public static class Captions
{
    public static IReadOnlyList<Shot> OncePerScene(IReadOnlyList<Shot> shots, bool burnSubtitles)
    {
        var shown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var scenesCaptioned = new HashSet<int>();
        var result = new List<Shot>(shots.Count);
        foreach (var shot in shots.OrderBy(s => s.Order))
        {
            var caption = shot.Spec.Caption;
            var keep = !burnSubtitles && caption.Length > 0 && scenesCaptioned.Add(shot.SceneIndex) && shown.Add(caption);
            result.Add(keep || caption.Length == 0 ? shot : shot with { Spec = shot.Spec with { Caption = "" } });
        }
        return result;
    }
}
