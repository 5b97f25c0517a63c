using AiProd.Providers;
using AiProd.Saga;
using AiProd.SagaStore;
using AiProd.SagaStore.Firestore;
using AiProd.SagaStore.Sqlite;
using AiProd.Workers.Common;
using AiProd.Workers.Delivery;
using AiProd.Workers.Media;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiProd.Hosting;

/// <summary>Wires the whole pipeline into one host: bus, saga, every worker, asset store, status reads.</summary>
public static class PipelineHostingExtensions
{
    /// <summary>
    /// The saga and all workers in this process: on MassTransit's in-memory transport (embedded mode) or, with
    /// <c>Bus:Transport=PubSub</c>, on Google Cloud Pub/Sub, where other processes may share the work.
    /// <paramref name="configureBus"/> lets a host add its own consumers (the CLI follows progress that way).
    /// </summary>
    public static IHostApplicationBuilder AddAiProdPipeline(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configureBus = null)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddValidatedOptions<BusOptions>(configuration, BusOptions.Section)
            .Validate(o => o.IsInMemory || o.IsPubSub, "Bus:Transport must be 'InMemory' or 'PubSub'.");
        var transport = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        if (transport.IsPubSub)
            services.AddPubSubOptions(configuration);
        services.AddValidatedOptions<SagaStoreOptions>(configuration, SagaStoreOptions.Section)
            .Validate(o => o.IsInMemory || o.IsSqlite || o.IsFirestore, "Saga:Store must be 'Sqlite', 'Firestore' or 'InMemory'.");
        var store = configuration.GetSection(SagaStoreOptions.Section).Get<SagaStoreOptions>() ?? new SagaStoreOptions();
        if (store.IsFirestore)
        {
            services.AddOptions<FirestoreOptions>().Bind(configuration.GetSection(FirestoreOptions.Section))
                .PostConfigure(o => o.Collection = configuration[$"{FirestoreOptions.Section}:Collection"] ?? "videos")
                .Validate(o => o.Problems().Count == 0, "The Firestore section is incomplete: set Firestore:ProjectId, and FIRESTORE_EMULATOR_HOST for the emulator.")
                .ValidateOnStart();
        }
        services.AddValidatedOptions<PipelineOptions>(configuration, PipelineOptions.Section);
        // The in-memory bus loses what was in flight when the process stops: resume every unfinished video at start.
        if (configuration[$"{PipelineOptions.Section}:{nameof(PipelineOptions.ResumeAllOnStart)}"] is null)
        {
            services.PostConfigure<PipelineOptions>(o => o.ResumeAllOnStart = transport.IsInMemory);
        }
        services.AddValidatedOptions<WorkerOptions>(configuration, WorkerOptions.Section);
        services.AddValidatedOptions<AssetOptions>(configuration, AssetOptions.Section);

        services.AddSingleton<IAssetStore, LocalAssetStore>();
        services.AddSingleton<IVideoDelivery, AssetStoreDelivery>();
        services.AddAiProdPlanning(configuration);
        services.AddAiProdMedia(configuration);
        services.AddAiProdProviders(configuration);
        services.AddSingleton<VideoStatusReader>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<StalledVideoSweeper>();

        // Start returns once every endpoint is ready: on Pub/Sub that means its subscriptions exist, so nothing this
        // process publishes right after start can land on a topic nobody subscribes to yet (and be dropped).
        services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            AddVideoSaga(x, store);
            x.AddConsumers(typeof(VideoStepConsumer<>).Assembly);
            configureBus?.Invoke(x);
            if (transport.IsPubSub)
                x.UsePubSub();
            else
                x.UsingInMemory((context, cfg) =>
                {
                    VideoCorrelation.Apply(cfg);
                    cfg.ConfigureEndpoints(context);
                });
        });
        return builder;
    }

    /// <summary>The video saga on the configured store (an unknown store is reported by the options validation at start-up).</summary>
    private static void AddVideoSaga(IBusRegistrationConfigurator bus, SagaStoreOptions store)
    {
        var saga = bus.AddSagaStateMachine<VideoStateMachine, VideoState, VideoStateMachineDefinition>();
        if (store.IsSqlite)
        {
            saga.SqliteRepository(r =>
            {
                r.ConnectionString = store.ConnectionString;
                r.TableName = "videos";
                r.CurrentState = v => v.CurrentState;
            });
        }
        else if (store.IsFirestore)
        {
            saga.FirestoreRepository(r => r.UseOptions(provider => provider.GetRequiredService<IOptions<FirestoreOptions>>().Value));
        }
        else
        {
            saga.InMemoryRepository();
            bus.AddSingleton<ISagaQueries<VideoState>, InMemoryVideoQueries>();
        }
    }
}
