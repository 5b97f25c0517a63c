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
}
