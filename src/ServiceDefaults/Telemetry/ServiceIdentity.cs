using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AiProd.ServiceDefaults.Telemetry;

/// <summary>Which service this process is, for traces, metrics and log labels.</summary>
internal static class ServiceIdentity
{
    /// <summary><c>OTEL_SERVICE_NAME</c>, else <c>Service:Name</c>, else the application's name in kebab case.</summary>
    public static string Name(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } otel ? otel
        : configuration["Service:Name"] is { Length: > 0 } named ? named
        : Default(environment.ApplicationName);

    // "AiProd.Workers.Render.Service" → "render-worker"; "AiProd.Gateway" → "gateway"; "AiProd.Cli" → "cli".
    private static string Default(string application)
    {
        var parts = application.Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p is not ("AiProd" or "Service" or "Workers"))
            .ToList();
        if (parts.Count == 0)
            return "aiprod";
        var name = parts[^1].ToLowerInvariant();
        return application.Contains(".Workers.", StringComparison.Ordinal) ? $"{name}-worker" : name;
    }
}
