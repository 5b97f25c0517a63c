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

    /// <summary>Concurrent QA runs (technical and semantic).</summary>
    [Range(1, 256)]
    public int QaConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Concurrent sanitize, analyse, direct, translate, estimate and finalize steps.</summary>
    [Range(1, 1024)]
    public int PlanningConcurrency { get; set; } = 16;

    /// <summary>Retries (exponential, 200 ms to 5 s) of a step that threw an unexpected error, before it faults.</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 3;
}
