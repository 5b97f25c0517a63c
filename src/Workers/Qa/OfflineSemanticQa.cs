using AiProd.Contracts;
using AiProd.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa;

/// <summary>
/// Semantic QA without a model: exposure, flicker, motion, blur, adjacent-frame SSIM and scene cuts measured on a
/// downscaled decode, and <see cref="SemanticScoring"/> turns them into scores and feedback. One decode
/// (<see cref="QaPass"/>) measures them together with the consistency scorer's frames: the one technical QA started
/// beside its own (<see cref="QaSignalCache"/>), or, when there is none, one of its own.
/// It judges craft, not content: its report lists content and prompt adherence as not assessed and its overall
/// score is capped at <see cref="SemanticScoring.CraftOnlyCap"/>; Gemini is the content judge when configured.
/// </summary>
public sealed class OfflineSemanticQa(MediaTool tool, IOptions<QaOptions> options, ILogger<OfflineSemanticQa> logger, ConsistencyScorer? consistency = null, QaSignalCache? signals = null) : ISemanticQa
{
    public async Task<SemanticQaReport> EvaluateAsync(string file, RunSemanticQa command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!File.Exists(file))
            return SemanticScoring.Unreadable($"The file {Path.GetFileName(file)} does not exist.", o.SemanticPassThreshold);

        var measured = await SignalsAsync(file, command, o, cancellationToken);
        if (measured.Signals.Frames < 2)
            return SemanticScoring.Unreadable($"The video could not be analysed: {measured.Error}", o.SemanticPassThreshold);

        var report = SemanticScoring.Score(measured.Signals, Boundaries(command), o.SemanticPassThreshold, Adherence(command));
        var scorer = consistency ?? new ConsistencyScorer(tool, TimeProvider.System);
        var scores = await scorer.ScoreAsync(file, command, measured.Frames, cancellationToken);
        report = report with { Consistency = scores, Feedback = [.. report.Feedback, .. ConsistencyScorer.Feedback(scores)] };
        logger.LogInformation(
            "Semantic QA of {VideoId}: overall {Overall} (visual {Visual}, narrative {Narrative}, technical {Technical}), {Verdict}, feedback {Feedback}",
            command.VideoId, report.Overall.Score, report.VisualQuality.Score, report.NarrativeCoherence.Score, report.TechnicalExcellence.Score,
            report.Passed ? "passed" : "failed", report.Feedback);
        return report;
    }

    /// <summary>The signals of the decode technical QA started, or of one decode of our own, with the frames.</summary>
    private async Task<(SignalSeries Signals, Consistency.VideoFrames? Frames, string Error)> SignalsAsync(
        string file, RunSemanticQa command, QaOptions o, CancellationToken cancellationToken)
    {
        var frameRate = command.Request.FrameRate > 0 ? command.Request.FrameRate : 24;
        if (signals is not null && signals.Take(await QaSignalCache.KeyAsync(file, frameRate, o, cancellationToken)) is { } started)
        {
            try
            {
                if (await started.WaitAsync(cancellationToken) is { } kept)
                    return (kept.Signals, kept.Frames, "");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("The decode technical QA started for video {VideoId} failed ({Reason}); decoding again", command.VideoId, ex.GetType().Name);
            }
        }
        var pass = await new QaPass(tool).RunAsync(
            file, technical: false, semantic: true, hasAudio: false, 0, 0, frameRate, o, VideoStages.QaSemantic, cancellationToken);
        return (pass.Signals!, pass.Frames, pass.Result.ErrorTail(2));
    }

    /// <summary>The prompt against what a viewer reads and hears: each shot's caption and each scene's narration.</summary>
    internal static PlanAdherence? Adherence(RunSemanticQa command) =>
        PlanAdherence.Measure(
            command.Request.Prompt,
            command.Shots.Select(s => s.Spec.Caption).Concat(command.Direction.Scenes.Select(s => s.Narration)));

    /// <summary>Shot boundaries of the timeline, with the transition that leads into each.</summary>
    internal static IReadOnlyList<PlannedBoundary> Boundaries(RunSemanticQa command)
    {
        var byId = command.Shots.DistinctBy(s => s.ShotId).ToDictionary(s => s.ShotId, StringComparer.Ordinal);
        var timeline = command.Timeline.OrderBy(t => t.StartSeconds).ToList();
        var boundaries = new List<PlannedBoundary>();
        for (var i = 1; i < timeline.Count; i++)
        {
            var previous = byId.GetValueOrDefault(timeline[i - 1].ShotId);
            var transition = previous?.TransitionOut ?? "cut";
            boundaries.Add(new PlannedBoundary(
                timeline[i].StartSeconds, Transitions.IsCut(transition), Transitions.OverlapSeconds(transition, timeline[i - 1].DurationSeconds)));
        }
        return boundaries;
    }
}
