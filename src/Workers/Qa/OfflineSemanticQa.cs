using AiProd.Contracts;
using AiProd.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa;

/// <summary>
/// Semantic QA without a model: one ffmpeg decode, downscaled, measures exposure, flicker, motion, blur,
/// adjacent-frame SSIM and scene cuts, and <see cref="SemanticScoring"/> turns them into scores and feedback.
/// It judges craft, not content: its report lists content and prompt adherence as not assessed and its overall
/// score is capped at <see cref="SemanticScoring.CraftOnlyCap"/>; Gemini is the content judge when configured.
/// </summary>
public sealed class OfflineSemanticQa(MediaTool tool, IOptions<QaOptions> options, ILogger<OfflineSemanticQa> logger, ConsistencyScorer? consistency = null) : ISemanticQa
{
    public async Task<SemanticQaReport> EvaluateAsync(string file, RunSemanticQa command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!File.Exists(file))
            return SemanticScoring.Unreadable($"The file {Path.GetFileName(file)} does not exist.", o.SemanticPassThreshold);

        // The clip is compared with itself shifted by one frame for SSIM; both branches restart at zero so
        // framesync pairs frame n with frame n+1.
        var graph =
            $"[0:v:0]scale={o.SemanticAnalysisWidth}:-2,format=yuv420p,split[a][b];"
            + "[b]trim=start_frame=1,setpts=PTS-STARTPTS[next];"
            + "[a]setpts=PTS-STARTPTS,signalstats,siti,scdet=t=10,blurdetect[cur];"
            + "[cur][next]ssim,metadata=mode=print:file=-";
        var result = await tool.FfmpegAsync(
            ["-v", "error", "-an", "-sn", "-i", file, "-filter_complex", graph, "-f", "null", "-"], VideoStages.QaSemantic, cancellationToken);
        var signals = SignalSeries.Parse(result.StdOut);
        if (signals.Frames < 2)
            return SemanticScoring.Unreadable($"The video could not be analysed: {result.ErrorTail(2)}", o.SemanticPassThreshold);

        var report = SemanticScoring.Score(signals, Boundaries(command), o.SemanticPassThreshold, Adherence(command));
        var scorer = consistency ?? new ConsistencyScorer(tool, TimeProvider.System);
        var scores = await scorer.ScoreAsync(file, command, cancellationToken);
        report = report with { Consistency = scores, Feedback = [.. report.Feedback, .. ConsistencyScorer.Feedback(scores)] };
        logger.LogInformation(
            "Semantic QA of {VideoId}: overall {Overall} (visual {Visual}, narrative {Narrative}, technical {Technical}), {Verdict}, feedback {Feedback}",
            command.VideoId, report.Overall.Score, report.VisualQuality.Score, report.NarrativeCoherence.Score, report.TechnicalExcellence.Score,
            report.Passed ? "passed" : "failed", report.Feedback);
        return report;
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
