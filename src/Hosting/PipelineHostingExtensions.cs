using AiProd.Saga;
using AiProd.Workers.Common;
using AiProd.Workers.Delivery;
using AiProd.Workers.Media;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AiProd.Hosting;

/// <summary>Wires the whole pipeline into one host: bus, saga, every worker, asset store, status reads.</summary>
public static class PipelineHostingExtensions
{
    /// <summary>
    /// Embedded mode: the saga and all workers in this process on MassTransit's in-memory transport.
    /// <paramref name="configureBus"/> lets a host add its own consumers (the CLI follows progress that way).
    /// </summary>
    public static IHostApplicationBuilder AddAiProdPipeline(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configureBus = null)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddValidatedOptions<BusOptions>(configuration, BusOptions.Section)
            .Validate(o => string.Equals(o.Transport, "InMemory", StringComparison.OrdinalIgnoreCase),
                "Bus:Transport must be 'InMemory' in this build (embedded mode); the Pub/Sub transport is not part of it yet.");
        services.AddValidatedOptions<SagaStoreOptions>(configuration, SagaStoreOptions.Section)
            .Validate(o => string.Equals(o.Store, "InMemory", StringComparison.OrdinalIgnoreCase),
                "Saga:Store must be 'InMemory' in this build; the SQLite and Firestore stores are not part of it yet.");
        services.AddValidatedOptions<PipelineOptions>(configuration, PipelineOptions.Section);
        // The in-memory bus loses what was in flight when the process stops: resume every unfinished video at start.
        services.PostConfigure<PipelineOptions>(o => o.ResumeAllOnStart |= string.Equals(
            configuration[$"{BusOptions.Section}:Transport"] ?? "InMemory", "InMemory", StringComparison.OrdinalIgnoreCase));
        services.AddValidatedOptions<WorkerOptions>(configuration, WorkerOptions.Section);
        services.AddValidatedOptions<AssetOptions>(configuration, AssetOptions.Section);

        services.AddSingleton<IAssetStore, LocalAssetStore>();
        services.AddSingleton<IVideoDelivery, AssetStoreDelivery>();
        services.AddAiProdPlanning(configuration);
        services.AddAiProdMedia(configuration);
        services.AddSingleton<VideoStatusReader>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<StalledVideoSweeper>();

        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddSagaStateMachine<VideoStateMachine, VideoState, VideoStateMachineDefinition>().InMemoryRepository();
            x.AddConsumers(typeof(VideoStepConsumer<>).Assembly);
            configureBus?.Invoke(x);
            x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        return builder;
    }
}
