using AiProd.Contracts;

namespace AiProd.Workers.Tests;

/// <summary>
/// The <see cref="PlanExcerpt"/> a saga sends with a <see cref="RenderShot"/>: the shots within <paramref name="reach"/>
/// of one (two, as the saga's <c>StepCommands.NeighbourReach</c>) and the seconds before them, summed from the first shot.
/// </summary>
internal static class Excerpts
{
    public static PlanExcerpt Around(IReadOnlyList<Shot> ordered, int index, int reach = 2)
    {
        var first = Math.Max(0, index - reach);
        var last = Math.Min(ordered.Count - 1, index + reach);
        var before = 0.0;
        for (var i = 0; i < first; i++)
            before += ordered[i].DurationSeconds;
        return new PlanExcerpt(first, ordered.Count, before,
            [.. ordered.Skip(first).Take(last - first + 1).Select(s => new PlannedLength(s.ShotId, s.DurationSeconds, s.TransitionOut))]);
    }
}
