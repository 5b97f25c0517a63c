using AiProd.SagaStore;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.SagaStore.Sqlite;

public static class SqliteSagaRepositoryRegistrationExtensions
{
    /// <summary>
    /// Keeps this saga in SQLite: <c>x.AddSagaStateMachine&lt;M, S&gt;().SqliteRepository(r => { r.ConnectionString = …; })</c>.
    /// Also registers <see cref="ISagaDocumentStore{TSaga}"/> and <see cref="ISagaQueries{TSaga}"/> for readers.
    /// The settings are validated here, so a bad table name fails at start-up.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> SqliteRepository<TSaga>(
        this ISagaRegistrationConfigurator<TSaga> configurator,
        Action<SqliteSagaRepositoryOptions<TSaga>> configure)
        where TSaga : class, ISagaVersion
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteSagaRepositoryOptions<TSaga>();
        configure(options);
        options.Validate();

        configurator.Repository(services =>
        {
            services.TryAddSingleton(options);
            services.TryAddSingleton<SagaInstanceLocks<TSaga>>();
            services.TryAddSingleton<SqliteSagaStore<TSaga>>();
            services.TryAddSingleton<ISagaDocumentStore<TSaga>>(sp => sp.GetRequiredService<SqliteSagaStore<TSaga>>());
            services.TryAddSingleton<SqliteSagaQueries<TSaga>>();
            services.TryAddSingleton<ISagaQueries<TSaga>>(sp => sp.GetRequiredService<SqliteSagaQueries<TSaga>>());
            services.RegisterLoadSagaRepository<TSaga, SqliteSagaRepositoryContextFactory<TSaga>>();
            services.RegisterQuerySagaRepository<TSaga, SqliteSagaRepositoryContextFactory<TSaga>>();
            services.RegisterSagaRepository<TSaga, ISagaDocumentStore<TSaga>, SagaConsumeContextFactory<ISagaDocumentStore<TSaga>, TSaga>,
                SqliteSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }
}
