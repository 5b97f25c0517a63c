using AiProd.Contracts;

namespace AiProd.Bench.Scaling;

/// <summary>
/// Step latency of the stages that do no real work, from the saga's stage history: entering a stage is when the saga
/// sends its command, leaving it is when the worker's answer was applied, so the span is the round trip through the
/// bus, the worker and the saga store.
/// </summary>
internal static class StepLatency
{
    public static readonly IReadOnlyList<string> Stages =
        [VideoStages.InputSanitizer, VideoStages.Analysis, VideoStages.Creative, VideoStages.Visual, VideoStages.Financial];

    /// <summary>Milliseconds per stage, first visits only (a second creative attempt carries QA feedback, a different step).</summary>
    public static IEnumerable<(string Stage, double Milliseconds)> Of(IEnumerable<BenchVideo> videos) =>
        videos.SelectMany(v => v.History)
            .Where(h => h.Attempt == 1 && h.LeftAt is not null && Stages.Contains(h.Stage))
            .Select(h => (h.Stage, (h.LeftAt!.Value - h.EnteredAt).TotalMilliseconds));
}
