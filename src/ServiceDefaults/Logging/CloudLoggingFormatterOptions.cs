using Microsoft.Extensions.Logging.Console;

namespace AiProd.ServiceDefaults.Logging;

/// <summary>What the Cloud Logging formatter adds to every entry.</summary>
internal sealed class CloudLoggingFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>The Google Cloud project the trace ids belong to; without one the bare trace id is written.</summary>
    public string? ProjectId { get; set; }

    /// <summary>The service's role, label <c>role</c> of every entry.</summary>
    public string Role { get; set; } = "aiprod";
}
