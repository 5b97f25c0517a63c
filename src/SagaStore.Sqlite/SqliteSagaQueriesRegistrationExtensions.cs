using AiProd.SagaStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.SagaStore.Sqlite;

public static class SqliteSagaQueriesRegistrationExtensions
{
    /// <summary>
    /// Reads saga documents from SQLite without running the saga (a status API beside the orchestrator): registers
    /// <see cref="ISagaQueries{TSaga}"/> and <see cref="ISagaDocumentStore{TSaga}"/> on the same table.
    /// </summary>
    public static IServiceCollection AddSqliteSagaQueries<TSaga>(this IServiceCollection services, Action<SqliteSagaRepositoryOptions<TSaga>> configure)
        where TSaga : class, MassTransit.ISagaVersion
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteSagaRepositoryOptions<TSaga>();
        configure(options);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton<SqliteSagaStore<TSaga>>();
        services.TryAddSingleton<ISagaDocumentStore<TSaga>>(sp => sp.GetRequiredService<SqliteSagaStore<TSaga>>());
        services.TryAddSingleton<SqliteSagaQueries<TSaga>>();
        services.TryAddSingleton<ISagaQueries<TSaga>>(sp => sp.GetRequiredService<SqliteSagaQueries<TSaga>>());
        return services;
    }
}
