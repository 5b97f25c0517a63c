using System.Text.Json;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.SagaStore.Firestore.Configuration;

public static class FirestoreSagaQueriesRegistrationExtensions
{
    /// <summary>
    /// Reads saga documents from Firestore without running the saga (a status API beside the orchestrator): registers
    /// <see cref="FirestoreSagaQueries{TSaga}"/> as <see cref="AiProd.SagaStore.ISagaQueries{TSaga}"/>. <paramref name="summary"/>
    /// must be the saga's own (the documents' <c>listSummary</c> is written by the saga's store with it).
    /// </summary>
    public static IServiceCollection AddFirestoreSagaQueries<TSaga>(
        this IServiceCollection services, Func<IServiceProvider, FirestoreOptions> options, JsonSerializerOptions? json = null, Func<TSaga, string>? summary = null)
        where TSaga : class, MassTransit.ISagaVersion
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(provider => new FirestoreSagaStore<TSaga>(new FirestoreDocuments(options(provider)), new SagaDocumentMapper<TSaga>(json, summary)));
        services.TryAddSingleton<FirestoreSagaQueries<TSaga>>();
        services.TryAddSingleton<AiProd.SagaStore.ISagaDocumentStore<TSaga>>(provider => new FirestoreSagaDocumentStore<TSaga>(provider.GetRequiredService<FirestoreSagaStore<TSaga>>()));
        services.TryAddSingleton<AiProd.SagaStore.ISagaQueries<TSaga>>(provider => provider.GetRequiredService<FirestoreSagaQueries<TSaga>>());
        return services;
    }
}
