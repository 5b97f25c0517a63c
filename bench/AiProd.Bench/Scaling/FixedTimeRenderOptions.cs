using System.ComponentModel.DataAnnotations;

namespace AiProd.Bench.Scaling;

/// <summary>The bench's fixed-time renderer (section <c>BenchRender</c>), set by the scaling bench for each render worker it starts.</summary>
public sealed class FixedTimeRenderOptions
{
    public const string Section = "BenchRender";

    /// <summary>Wall time of every shot: a wait, no CPU, so the number of render workers is the only parallelism.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ShotTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The folder of clip templates (<see cref="ClipTemplates"/>), made once by the bench before any worker starts.</summary>
    [Required]
    public string TemplateFolder { get; set; } = string.Empty;
}
