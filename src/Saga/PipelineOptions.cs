using System.ComponentModel.DataAnnotations;

namespace AiProd.Saga;

/// <summary>Bounds of the saga's QA loops (section <c>Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Re-render rounds allowed after a technical QA failure before the video fails.</summary>
    [Range(0, 10)]
    public int MaxReRenders { get; set; } = 2;

    /// <summary>Creative attempts in all (the first one included) before a semantic QA failure fails the video.</summary>
    [Range(1, 10)]
    public int MaxCreativeAttempts { get; set; } = 3;

    /// <summary>How long a stage may go without progress (a result, a rendered shot) before its commands are sent again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan StepDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many times a stalled stage's commands are sent again before the video fails with <c>step_timed_out</c>.</summary>
    [Range(0, 10)]
    public int MaxStepResends { get; set; } = 2;

    /// <summary>
    /// Whether the first sweep after start-up resumes every unfinished video at once, whatever its deadline. Right when
    /// the transport keeps no messages across a restart (the in-memory bus), where whatever was in flight is gone.
    /// </summary>
    public bool ResumeAllOnStart { get; set; }

    /// <summary>Whether this host looks for stalled videos at all (the CLI, which follows one video, does not).</summary>
    public bool SweepStalledVideos { get; set; } = true;

    /// <summary>How often the sweeper looks for stalled videos (it also looks once at start-up).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
