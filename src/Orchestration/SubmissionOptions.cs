using System.ComponentModel.DataAnnotations;

namespace AiProd.Orchestration;

/// <summary>How a submission hands its video to the pipeline (section <c>Submissions</c>).</summary>
public sealed class SubmissionOptions
{
    public const string Section = "Submissions";

    /// <summary>
    /// How long a submission waits to send the stored video's <c>GenerateVideo</c> before it answers anyway: the video is
    /// already stored with that message in its outbox, so a bus that is out of reach delays the start (the
    /// orchestrator's recovery sweep sends it) but never the 202.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Stored videos whose <c>GenerateVideo</c> may still be on its way to the bus after their 202 has gone: the answer
    /// waits for the store, not for the bus. Past this many, a submission waits for its own send (up to
    /// <see cref="SendTimeout"/>) before it answers, so a slow bus slows submitters instead of filling memory. 0 sends
    /// every one before its answer.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxPendingSends { get; set; } = 1_000;
}
