using System.ComponentModel.DataAnnotations;

namespace AiProd.ServiceDefaults;

/// <summary>Which message transport carries the pipeline (section <c>Bus</c>).</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary>
    /// "InMemory" (default, embedded mode: every service in this process) or "PubSub" (Google Cloud Pub/Sub through
    /// AiProd.Transport.PubSub, configured by section <c>PubSub</c>: the emulator from PUBSUB_EMULATOR_HOST, otherwise the
    /// real service with Application Default Credentials).
    /// </summary>
    [Required]
    public string Transport { get; set; } = "InMemory";

    public bool IsInMemory => string.Equals(Transport, "InMemory", StringComparison.OrdinalIgnoreCase);

    public bool IsPubSub => string.Equals(Transport, "PubSub", StringComparison.OrdinalIgnoreCase);

    /// <summary>The transport as configured, read before the host is built (the bus is wired from it).</summary>
    public static BusOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.Get<BusOptions>(configuration.GetSection(Section)) ?? new BusOptions();
}
