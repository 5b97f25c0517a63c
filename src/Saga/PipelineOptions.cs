using System.ComponentModel.DataAnnotations;

namespace AiProd.Saga;

/// <summary>Bounds of the saga's QA loops and step deadlines (section <c>Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Re-render rounds allowed after a technical QA failure before the video fails.</summary>
    [Range(0, 10)]
    public int MaxReRenders { get; set; } = 2;

    /// <summary>Creative attempts in all (the first one included) before a semantic QA failure fails the video.</summary>
    [Range(1, 10)]
    public int MaxCreativeAttempts { get; set; } = 3;

    /// <summary>
    /// How long a stage may go without progress (entering it, a rendered shot) before its commands are sent again:
    /// the delay of the step deadline the saga schedules for itself (needs a bus with a delayed message scheduler).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan StepDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many times a stalled stage's commands are sent again before the video fails with <c>step_timed_out</c>.</summary>
    [Range(0, 10)]
    public int MaxStepResends { get; set; } = 2;

    /// <summary>
    /// Whether <see cref="UnfinishedVideoResumer"/> resumes every unfinished video once at start-up. Only hosts whose
    /// transport keeps nothing across a restart (the in-memory bus: the commands in flight and the scheduled deadlines
    /// are gone) register the resumer; this switch lets such a host opt out (the CLI, which follows one video, does).
    /// </summary>
    public bool ResumeAllOnStart { get; set; }

    /// <summary>
    /// How long an outbox entry may wait before the recovery sweep sends it: a live orchestrator sends its own right
    /// after the save, so only a crash leaves entries this old.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan OutboxRecoveryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long sent outbox entries may wait in the document for the video's next save to drop them; past that (no next
    /// event came) they are dropped with a write of their own. Keep it well under <see cref="OutboxRecoveryAfter"/>;
    /// zero drops every time with a write of its own.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan OutboxDropDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the orchestrator looks for outbox entries a crash left behind.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long past its due time a video's step deadline may go unprocessed before <see cref="StalledVideoResumer"/>
    /// takes the deadline for lost and resumes the video. A delivered deadline re-arms at once, so only a transport
    /// that lost it (a Pub/Sub emulator restarted, a message removed by hand) or an orchestrator down this long leaves
    /// one that old.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the orchestrator looks for videos whose step deadline was lost.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan StalledSweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
