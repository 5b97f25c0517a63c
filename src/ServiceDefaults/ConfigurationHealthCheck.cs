using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiProd.ServiceDefaults;

/// <summary>
/// Which transport, saga store and asset store this service runs on. Every option was validated at start-up
/// (<c>ValidateOnStart</c>), so a service that answers is configured completely; this names what it was configured with.
/// </summary>
internal sealed class ConfigurationHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public const string Name = "configuration";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bus = BusOptions.From(configuration).Transport;
        var store = configuration["Saga:Store"] ?? "Sqlite";
        var assets = configuration["Assets:Store"] ?? "Local";
        return Task.FromResult(HealthCheckResult.Healthy($"Bus:Transport={bus} Saga:Store={store} Assets:Store={assets}"));
    }
}
