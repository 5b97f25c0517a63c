using AiProd.Contracts;

namespace AiProd.Saga.Decisions;

/// <summary>The 0–100 progress figure shown by the status API and carried by <see cref="VideoStateChanged"/>.</summary>
public static class Progress
{
    private static readonly Dictionary<string, int> StageStart = new()
    {
        [VideoStages.Init] = 0,
        [VideoStages.InputSanitizer] = 2,
        [VideoStages.Analysis] = 5,
        [VideoStages.Creative] = 10,
        [VideoStages.Visual] = 15,
        [VideoStages.Financial] = 20,
        [VideoStages.Render] = 25,
        [VideoStages.QaTech] = 75,
        [VideoStages.QaSemantic] = 85,
        [VideoStages.Finalize] = 95,
        [VideoStages.AwaitingApproval] = 22,
        [VideoStages.Complete] = 100,
    };

    /// <param name="stage">The current stage.</param>
    /// <param name="shotsRendered">Shots of the current plan already rendered (used while rendering).</param>
    /// <param name="shotCount">Shots in the current plan.</param>
    /// <param name="lastActiveStage">For <see cref="VideoStages.Failed"/>: the stage it failed in.</param>
    /// <param name="approvalPoint">For <see cref="VideoStages.AwaitingApproval"/>: <c>final</c> waits at 93 %, the storyboard at 22 %.</param>
    public static int Percent(string stage, int shotsRendered, int shotCount, string? lastActiveStage = null, string? approvalPoint = null)
    {
        if (stage == VideoStages.AwaitingApproval && approvalPoint == ApprovalPoints.Final)
            return 93;
        if (stage == VideoStages.Failed)
            return lastActiveStage is not null && StageStart.TryGetValue(lastActiveStage, out var at) ? at : 0;
        if (!StageStart.TryGetValue(stage, out var start))
            return 0;
        if (stage != VideoStages.Render || shotCount == 0)
            return start;

        // Rendering is most of the wall time: spread 25–70 % over the shots, leave 70–75 for composing.
        return start + (int)Math.Round(45.0 * Math.Clamp(shotsRendered, 0, shotCount) / shotCount, MidpointRounding.AwayFromZero);
    }

    public static int Percent(VideoState video) =>
        Percent(
            StageLog.StageOf(video),
            video.Shots.Count(s => video.RenderedShots.ContainsKey(s.ShotId)),
            video.Shots.Count,
            video.History.LastOrDefault(h => h.Stage != VideoStages.Failed)?.Stage,
            video.PendingApproval?.Point);
}
