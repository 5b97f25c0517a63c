using AiProd.Contracts;

namespace AiProd.Saga;

/// <summary>Keeps the per-stage history (entered, left, attempt, outcome) of a video.</summary>
public static class StageLog
{
    /// <summary>The stage name for a saga state; MassTransit's "Initial" is our "Init".</summary>
    public static string StageOf(VideoState video) =>
        video.CurrentState is null or "Initial" or "Accepted" or "" ? VideoStages.Init : video.CurrentState;

    /// <summary>Records leaving the current stage with <paramref name="outcome"/> and entering <paramref name="stage"/>.</summary>
    /// <returns>The attempt number of this visit to <paramref name="stage"/>.</returns>
    public static int Enter(VideoState video, string stage, string? outcome, DateTimeOffset now)
    {
        if (video.History.Count > 0 && video.History[^1].LeftAt is null)
            video.History[^1] = video.History[^1] with { LeftAt = now, Outcome = outcome };

        var attempt = video.History.Count(h => h.Stage == stage) + 1;
        video.History.Add(new StageRecord(stage, attempt, now, stage is VideoStages.Complete or VideoStages.Failed ? now : null, null));
        video.StageAttempt = attempt;
        video.StageResends = 0;
        video.UpdatedAt = now;
        return attempt;
    }

    public static VideoStateChanged Changed(VideoState video)
    {
        var to = video.History[^1];
        var from = video.History.Count > 1 ? video.History[^2] : null;
        return new VideoStateChanged(
            video.CorrelationId,
            from?.Stage ?? VideoStages.Init,
            to.Stage,
            Decisions.Progress.Percent(to.Stage, video.RenderedShots.Count, video.Shots.Count, from?.Stage, video.PendingApproval?.Point),
            from?.Outcome,
            to.EnteredAt);
    }
}
