using System.ComponentModel.DataAnnotations;

namespace AiProd.Workers.Common;

/// <summary>
/// How many messages each worker handles at once in this process (section <c>Workers</c>); the knobs tuned per
/// Kubernetes deployment. Rendering and QA are CPU-bound ffmpeg work, the planning steps are cheap.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>Concurrent shot renders and compositions; defaults to the number of cores.</summary>
    [Range(1, 256)]
    public int RenderConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// What the render role's endpoint takes in at once: <see cref="RenderConcurrency"/> renders and compositions, and
    /// one soundtrack made beside them (<c>PrepareSoundtrack</c>, mostly waiting on one ffmpeg thread), so a video's
    /// soundtrack never holds back one of its shots.
    /// </summary>
    public int RenderEndpointConcurrency => RenderConcurrency + 1;

    /// <summary>Concurrent QA runs (technical and semantic).</summary>
    [Range(1, 256)]
    public int QaConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Concurrent sanitize, analyse, direct, translate, estimate and finalize steps.</summary>
    [Range(1, 1024)]
    public int PlanningConcurrency { get; set; } = 16;

    /// <summary>Retries (exponential, 200 ms to 5 s) of a step that threw an unexpected error, before it faults.</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 3;

    /// <summary>
    /// At start-up a worker deletes scratch files of dead step runs last written longer ago than this; set it above the
    /// longest a step can take (a hosted render: up to its provider's <c>MaxWait</c> plus the download and retries;
    /// ffmpeg: <c>Media:ProcessTimeout</c>). A step also deletes its own earlier runs' files when it starts again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan StaleWorkAfter { get; set; } = TimeSpan.FromHours(2);
}
