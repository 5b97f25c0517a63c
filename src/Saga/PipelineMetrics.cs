using System.Diagnostics.Metrics;
using AiProd.Contracts;

namespace AiProd.Saga;

/// <summary>
/// The pipeline's own metrics (meter <c>AiProd.Pipeline</c>), recorded by the saga as a video moves; the names are the
/// ones the alert rules and dashboard in <c>k8s/components/monitoring</c> read (Prometheus adds <c>_bucket</c>,
/// <c>_sum</c>, <c>_count</c>, <c>_total</c>). A stage left twice because its save lost a concurrency race is recorded
/// twice: the counts are an upper bound by the retries, which <c>aiprod_saga_concurrency_conflicts_total</c> shows.
/// </summary>
public static class PipelineMetrics
{
    public const string MeterName = "AiProd.Pipeline";

    private static readonly Meter Meter = new(MeterName);

    private static readonly double[] DurationBuckets = [0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 1200];

    private static readonly Histogram<double> Processing = Meter.CreateHistogram(
        "processing_duration_seconds", "s", "End-to-end time of a video, from submission to Complete or Failed; tag outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    private static readonly Histogram<double> Stage = Meter.CreateHistogram(
        "aiprod_stage_duration_seconds", "s", "Time of one visit to a stage; tags stage, outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    private static readonly Histogram<double> Cost = Meter.CreateHistogram(
        "video_generation_cost", "{USD}", "Actual cost of a finished video in US dollars; tags backend, outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50] });

    private static readonly Histogram<double> Quality = Meter.CreateHistogram(
        "semantic_quality_score", "{score}", "Overall semantic QA score (0–10) of each semantic QA run; tag passed.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 3, 4, 5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10] });

    private static readonly Counter<long> Shots = Meter.CreateCounter<long>(
        "aiprod_shots_rendered", "{shot}", "Shots rendered for finished videos; tag backend.");

    private static readonly Counter<long> Finished = Meter.CreateCounter<long>(
        "aiprod_videos_finished", "{video}", "Videos that reached Complete or Failed; tags outcome, stage (where it failed), code.");

    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(
        "aiprod_saga_concurrency_conflicts", "{conflict}", "Saga writes refused because another writer changed the video first (retried).");

    private static readonly Histogram<double> OutboxLag = Meter.CreateHistogram(
        "aiprod_outbox_lag_seconds", "s", "Time from a saga transition to its outbox message being handed to the transport.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    /// <summary>Records the stage the video just left (its last closed history record) and, at the end, the whole video.</summary>
    public static void Transitioned(VideoState video)
    {
        if (video.History.Count >= 2 && video.History[^2] is { LeftAt: { } left } previous)
        {
            Stage.Record((left - previous.EnteredAt).TotalSeconds,
                new KeyValuePair<string, object?>("stage", previous.Stage),
                new KeyValuePair<string, object?>("outcome", video.History[^1].Stage == VideoStages.Failed ? "failed" : "ok"));
            if (previous.Stage == VideoStages.QaSemantic && video.SemanticQa is { } qa)
                Quality.Record(qa.Overall.Score, new KeyValuePair<string, object?>("passed", qa.Passed ? "true" : "false"));
        }

        var current = video.History[^1].Stage;
        if (current is not (VideoStages.Complete or VideoStages.Failed))
            return;
        var outcome = current == VideoStages.Complete ? "completed" : "failed";
        var backend = video.RenderLedger.Count > 0 ? video.RenderLedger[^1].Backend : video.Estimate?.Backend ?? "none";
        Processing.Record((video.History[^1].EnteredAt - video.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        Cost.Record((double)video.ActualCostUsd, new KeyValuePair<string, object?>("backend", backend), new KeyValuePair<string, object?>("outcome", outcome));
        foreach (var group in video.RenderLedger.GroupBy(r => r.Backend))
            Shots.Add(group.Count(), new KeyValuePair<string, object?>("backend", group.Key));
        Finished.Add(1,
            new KeyValuePair<string, object?>("outcome", outcome),
            new KeyValuePair<string, object?>("stage", video.Error?.Stage ?? string.Empty),
            new KeyValuePair<string, object?>("code", video.Error?.Code ?? string.Empty));
    }

    /// <summary>A version-checked saga write lost to another writer.</summary>
    public static void ConcurrencyConflict() => Conflicts.Add(1);

    /// <summary>Makes the conflict counter exist at 0 before the first conflict, so a rate over it reads 0, not nothing.</summary>
    public static void StartCountingConflicts() => Conflicts.Add(0);

    /// <summary>An outbox message handed to the transport <paramref name="lag"/> after its transition.</summary>
    public static void OutboxDispatched(TimeSpan lag) => OutboxLag.Record(Math.Max(0, lag.TotalSeconds));
}
