using AiProd.Saga;
using AiProd.SagaStore;
using AiProd.SagaStore.Firestore;
using AiProd.SagaStore.Firestore.Configuration;
using AiProd.SagaStore.Sqlite;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiProd.Orchestration;

/// <summary>The saga store chosen by <c>Saga:Store</c>, for the saga itself or for readers of its documents.</summary>
internal static class SagaStoreRegistration
{
    public const string Table = "videos";

    /// <summary>Section <c>Saga</c> (and <c>Firestore</c> when chosen), checked at start-up; returns the choice.</summary>
    public static SagaStoreOptions AddSagaStoreOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SagaStoreOptions>(configuration, SagaStoreOptions.Section)
            .Validate(o => o.IsInMemory || o.IsSqlite || o.IsFirestore, "Saga:Store must be 'Sqlite', 'Firestore' or 'InMemory'.");
        var store = configuration.GetSection(SagaStoreOptions.Section).Get<SagaStoreOptions>() ?? new SagaStoreOptions();
        if (store.IsFirestore && !services.Any(d => d.ServiceType == typeof(IConfigureOptions<FirestoreOptions>)))
        {
            services.AddOptions<FirestoreOptions>().Bind(configuration.GetSection(FirestoreOptions.Section))
                .PostConfigure(o => o.Collection = configuration[$"{FirestoreOptions.Section}:Collection"] ?? Table)
                .Validate(o => o.Problems().Count == 0, "The Firestore section is incomplete: set Firestore:ProjectId, and FIRESTORE_EMULATOR_HOST for the emulator.")
                .ValidateOnStart();
        }

        return store;
    }

    /// <summary>The video saga on the configured store (an unknown store is reported by the options validation at start-up).</summary>
    public static void AddVideoSaga(this IBusRegistrationConfigurator bus, SagaStoreOptions store)
    {
        var saga = bus.AddVideoSagaStateMachine();
        if (store.IsSqlite)
            saga.SqliteRepository(r => Sqlite(r, store));
        else if (store.IsFirestore)
            saga.FirestoreRepository(r =>
            {
                r.UseOptions(FirestoreOptionsOf);
                r.Summary = VideoListItem.Summarize;
            });
        else
        {
            saga.InMemoryRepository();
            bus.AddSingleton<ISagaQueries<VideoState>, InMemoryVideoQueries>();
        }
    }

    /// <summary>
    /// Reads of the saga documents without the saga (the gateway in distributed mode). The in-memory store lives in
    /// the saga's process only, so it cannot be read from another one.
    /// </summary>
    public static void AddVideoQueries(this IServiceCollection services, SagaStoreOptions store)
    {
        if (store.IsSqlite)
            services.AddSqliteSagaQueries<VideoState>(r => Sqlite(r, store));
        else if (store.IsFirestore)
            services.AddFirestoreSagaQueries<VideoState>(FirestoreOptionsOf, summary: VideoListItem.Summarize);
        else
            throw new InvalidOperationException(
                "Saga:Store=InMemory keeps videos inside the orchestrator's process, so this service cannot read them: use Sqlite (one machine) or Firestore.");
    }

    private static void Sqlite(SqliteSagaRepositoryOptions<VideoState> r, SagaStoreOptions store)
    {
        r.ConnectionString = store.ConnectionString;
        r.TableName = Table;
        r.CurrentState = v => v.CurrentState;
        r.Owner = v => v.Owner;
        r.Summary = VideoListItem.Summarize;
    }

    private static FirestoreOptions FirestoreOptionsOf(IServiceProvider provider) => provider.GetRequiredService<IOptions<FirestoreOptions>>().Value;
}
