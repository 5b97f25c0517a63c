using System.ComponentModel.DataAnnotations;

namespace AiProd.Hosting;

/// <summary>Which message transport carries the pipeline (section <c>Bus</c>).</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary>"InMemory" (embedded mode: every service in this process). "PubSub" comes with the Pub/Sub transport.</summary>
    [Required]
    public string Transport { get; set; } = "InMemory";
}
