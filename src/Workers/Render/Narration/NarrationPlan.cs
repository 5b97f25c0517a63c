using AiProd.Contracts;

namespace AiProd.Workers.Render.Narration;

/// <summary>
/// Where each line goes: it starts a little after its scene does and must end before the next line starts and
/// before the video ends; a line that would overrun is sped up (atempo, at most 1.6x) and, if still too long, cut.
/// Pure, so timing is tested without a voice.
/// </summary>
internal static class NarrationPlan
{
    public const double LeadSeconds = 0.25;
    public const double GapSeconds = 0.2;
    public const double MaxTempo = 1.6;

    /// <summary>A line placed on the timeline: its cue and the tempo its audio plays at.</summary>
    public sealed record PlacedLine(NarrationCue Cue, double Tempo);

    /// <param name="lines">Scene index, text, scene start on the timeline and the spoken length at normal tempo, in order.</param>
    /// <param name="totalSeconds">The video's length.</param>
    public static IReadOnlyList<PlacedLine> Place(IReadOnlyList<(int Scene, string Text, double SceneStart, double SpokenSeconds)> lines, double totalSeconds)
    {
        var placed = new List<PlacedLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var (scene, text, sceneStart, spoken) = lines[i];
            var start = Math.Min(sceneStart + LeadSeconds, Math.Max(0, totalSeconds - 0.5));
            var limit = (i + 1 < lines.Count ? lines[i + 1].SceneStart + LeadSeconds - GapSeconds : totalSeconds - 0.1) - start;
            if (limit <= 0.3)
                continue;
            var tempo = spoken <= limit ? 1.0 : Math.Min(MaxTempo, spoken / limit);
            var length = Math.Min(spoken / tempo, limit);
            placed.Add(new PlacedLine(new NarrationCue(scene, text, Math.Round(start, 3), Math.Round(start + length, 3)), tempo));
        }
        return placed;
    }
}
