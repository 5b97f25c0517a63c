using AiProd.Assets;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.Workers.Delivery;

/// <summary>The delivery role: the Finalize stage stores the MP4 and its manifest where users fetch them.</summary>
public static class DeliveryWorkerExtensions
{
    /// <summary>The role's services, the asset store, and its consumer on the <c>delivery-worker</c> endpoint.</summary>
    public static IHostApplicationBuilder AddDeliveryWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWorkerOptions(builder.Configuration);
        builder.Services.AddDeliveryServices(builder.Configuration);
        builder.ConfigureBus(bus => bus.AddConsumer<FinalizeVideoConsumer, FinalizeVideoConsumerDefinition>());
        return builder;
    }

    /// <summary>Delivery into the asset store (section <c>Assets</c>).</summary>
    public static IServiceCollection AddDeliveryServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAiProdAssets(configuration);
        services.AddSingleton<IVideoDelivery, AssetStoreDelivery>();
        return services;
    }
}
