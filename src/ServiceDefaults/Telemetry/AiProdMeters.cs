namespace AiProd.ServiceDefaults.Telemetry;

/// <summary>The meters and activity sources AiProd's own code records to; every name starts with <c>AiProd.</c>.</summary>
public static class AiProdMeters
{
    /// <summary>A wildcard OpenTelemetry understands: <c>AiProd.Pipeline</c>, <c>AiProd.Providers</c>, <c>AiProd.Saga</c> ….</summary>
    public const string All = "AiProd.*";
}
