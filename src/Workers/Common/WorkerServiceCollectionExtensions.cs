using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Workers.Common;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>
    /// Concurrency and retries of the consumers (section <c>Workers</c>), checked at start-up, and the start-up sweep of
    /// dead steps' scratch files (<see cref="WorkFileSweeper"/>, when the host has an asset store); once per host.
    /// </summary>
    public static IServiceCollection AddWorkerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(WorkerOptionsMarker)))
            return services;
        services.AddSingleton<WorkerOptionsMarker>();
        services.AddValidatedOptions<WorkerOptions>(configuration, WorkerOptions.Section);
        services.AddHostedService<WorkFileSweeper>();
        return services;
    }

    private sealed class WorkerOptionsMarker;
}
