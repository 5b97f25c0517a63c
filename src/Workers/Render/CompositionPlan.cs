using AiProd.Contracts;
using AiProd.Media;

namespace AiProd.Workers.Render;

/// <summary>One shot's place in the composed video, in whole frames.</summary>
/// <param name="ShotId">The shot.</param>
/// <param name="StartFrame">First frame where the shot is the incoming picture.</param>
/// <param name="VisibleFrames">Frames it owns on the timeline.</param>
/// <param name="OverlapFrames">Extra frames at its end that cross-fade into the next shot (0 for a cut and for the last shot).</param>
/// <param name="Xfade">The ffmpeg xfade name of its outgoing transition, or null for a hard cut.</param>
/// <param name="IncomingFrames">The previous shot's <paramref name="OverlapFrames"/> (0 for the first shot).</param>
internal sealed record PlannedShot(string ShotId, int StartFrame, int VisibleFrames, int OverlapFrames, string? Xfade, int IncomingFrames)
{
    public int ClipFrames => VisibleFrames + OverlapFrames;
}

/// <summary>
/// Lays shots out on a frame grid. Boundaries are rounded from the running total, not per shot, so rounding
/// never accumulates and the video is exactly the sum of the visible durations (to the nearest frame).
/// </summary>
internal sealed record CompositionPlan(int FrameRate, IReadOnlyList<PlannedShot> Shots, int TotalFrames)
{
    public double TotalSeconds => (double)TotalFrames / FrameRate;

    /// <summary>The video's frame rate: the request's, else the first shot's.</summary>
    public static int FrameRateOf(VideoRequest request, IReadOnlyList<Shot> shots) =>
        request.FrameRate > 0 ? request.FrameRate : shots[0].Spec.FrameRate;

    public static CompositionPlan For(IReadOnlyList<Shot> shots, int frameRate)
    {
        var planned = Lay([.. shots.Select(s => new PlannedLength(s.ShotId, s.DurationSeconds, s.TransitionOut))], frameRate, 0.0);
        return new CompositionPlan(frameRate, planned, planned.Count == 0 ? 0 : planned[^1].StartFrame + planned[^1].VisibleFrames);
    }

    /// <summary>
    /// The shots of <paramref name="excerpt"/> laid out exactly as <see cref="For"/> lays them out in the whole plan, leaving
    /// out those the excerpt does not hold enough of the plan for: its first (whose incoming overlap is the shot before's)
    /// unless it starts the plan, and its last (whose overlap is capped by the shot after) unless it ends it. Returns the
    /// plan of the shots left (its <see cref="TotalFrames"/> is 0: not a whole video) and the excerpt's index of the first.
    /// </summary>
    public static (CompositionPlan Plan, int First) Around(PlanExcerpt excerpt, int frameRate)
    {
        var endsPlan = excerpt.FirstIndex + excerpt.Shots.Count == excerpt.ShotCount;
        var planned = Lay(excerpt.Shots, frameRate, excerpt.SecondsBefore);
        var first = excerpt.FirstIndex == 0 ? 0 : 1;
        var count = Math.Max(0, planned.Count - first - (endsPlan ? 0 : 1));
        return (new CompositionPlan(frameRate, [.. planned.Skip(first).Take(count)], 0), first);
    }

    /// <summary>
    /// The frames of consecutive shots starting <paramref name="secondsBefore"/> into the plan (their sum from the first
    /// shot). The last one is laid out as the plan's last (no overlap, no transition).
    /// </summary>
    private static List<PlannedShot> Lay(IReadOnlyList<PlannedLength> shots, int frameRate, double secondsBefore)
    {
        var boundaries = new int[shots.Count + 1];
        var cumulative = secondsBefore;
        boundaries[0] = (int)Math.Round(cumulative * frameRate, MidpointRounding.AwayFromZero);
        for (var i = 0; i < shots.Count; i++)
        {
            cumulative += shots[i].DurationSeconds;
            boundaries[i + 1] = (int)Math.Round(cumulative * frameRate, MidpointRounding.AwayFromZero);
        }

        var planned = new List<PlannedShot>(shots.Count);
        for (var i = 0; i < shots.Count; i++)
        {
            var visible = Math.Max(1, boundaries[i + 1] - boundaries[i]);
            var last = i == shots.Count - 1;
            var xfade = last ? null : Transitions.XfadeName(shots[i].TransitionOut);
            var overlap = xfade is null ? 0 : Transitions.OverlapFrames(shots[i].TransitionOut, shots[i].DurationSeconds, frameRate);
            // A cross-fade longer than the next shot would swallow it; a zero-frame one is a cut.
            if (!last)
                overlap = Math.Min(overlap, boundaries[i + 2] - boundaries[i + 1]);
            if (overlap == 0)
                xfade = null;
            planned.Add(new PlannedShot(shots[i].ShotId, boundaries[i], visible, overlap, xfade, i == 0 ? 0 : planned[i - 1].OverlapFrames));
        }

        return planned;
    }

    public IReadOnlyList<ShotTiming> Timeline() =>
        [.. Shots.Select(s => new ShotTiming(s.ShotId, (double)s.StartFrame / FrameRate, (double)s.VisibleFrames / FrameRate))];
}
