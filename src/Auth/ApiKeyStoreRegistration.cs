using AiProd.Collaboration.Records;
using AiProd.SagaStore.Firestore;
using AiProd.SagaStore.Firestore.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Auth;

public static class ApiKeyStoreRegistration
{
    /// <summary>
    /// <see cref="IApiKeyStore"/> as <see cref="ApiKeyStoreOptions"/> say, and <see cref="ApiKeys"/> on it. A store that
    /// cannot work (an unknown name, Firestore without a project) is refused here, naming the setting.
    /// </summary>
    public static IServiceCollection AddApiKeyStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ApiKeyStoreOptions.From(configuration);
        if (options.IsSqlite)
            services.TryAddSingleton<IApiKeyStore>(_ => new SqliteApiKeyStore(options.ConnectionString));
        else if (options.IsFirestore)
        {
            var firestore = configuration.GetSection(FirestoreOptions.Section).Get<FirestoreOptions>() ?? new FirestoreOptions();
            firestore.Collection = options.Collection;
            if (firestore.Problems() is { Count: > 0 } problems)
                throw new InvalidOperationException($"API keys on Firestore: {string.Join(" ", problems)}");
            services.TryAddSingleton<IApiKeyStore>(_ => new FirestoreApiKeyStore(new FirestoreDocuments(firestore)));
        }
        else if (options.IsInMemory)
            services.TryAddSingleton<IApiKeyStore, InMemoryApiKeyStore>();
        else
            throw new InvalidOperationException($"Auth:Keys:Store (or Saga:Store) '{options.Store}' must be 'Sqlite', 'Firestore' or 'InMemory'.");

        services.TryAddSingleton(TimeProvider.System);
        // Creating and revoking keys is audited, wherever it is done from (the CLI, the gateway).
        services.AddCollaborationStores(configuration);
        services.TryAddSingleton<ApiKeys>();
        return services;
    }
}
