using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.Workers.Financial;

/// <summary>The financial role: the cost estimate and the choice of render backends.</summary>
public static class FinancialWorkerExtensions
{
    /// <summary>The role's services and its consumer on the <c>financial-worker</c> endpoint.</summary>
    public static IHostApplicationBuilder AddFinancialWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWorkerOptions(builder.Configuration);
        builder.Services.AddFinancialServices(builder.Configuration);
        builder.ConfigureBus(bus => bus.AddConsumer<EstimateCostConsumer, EstimateCostConsumerDefinition>());
        return builder;
    }

    /// <summary>The cost estimator (a pure singleton) with the cost model and prices of section <c>Financial</c>.</summary>
    public static IServiceCollection AddFinancialServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<FinancialOptions>(configuration, FinancialOptions.Section);
        services.AddSingleton<ICostEstimator, CostEstimator>();
        return services;
    }
}
