using System.Text.Json;
using AiProd.SagaStore;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.Saga;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.SagaStore.Firestore.Configuration;

/// <summary>Collects the settings and registers the repository's services, the way MassTransit's own persistence packages do.</summary>
public sealed class FirestoreSagaRepositoryConfigurator<TSaga> : IFirestoreSagaRepositoryConfigurator<TSaga>
    where TSaga : class, ISagaVersion
{
    private Func<IServiceProvider, FirestoreOptions>? _optionsFactory;

    public FirestoreOptions Options { get; } = new() { Collection = typeof(TSaga).Name };

    public JsonSerializerOptions? JsonOptions { get; set; }

    public Func<TSaga, string>? Summary { get; set; }

    public void UseOptions(Func<IServiceProvider, FirestoreOptions> factory) => _optionsFactory = factory;

    public void Validate()
    {
        if (_optionsFactory is null)
            Options.Validate();
    }

    public void Register(ISagaRepositoryRegistrationConfigurator<TSaga> services)
    {
        var fixedOptions = Options.Clone();
        var optionsFactory = _optionsFactory ?? (_ => fixedOptions);
        var json = JsonOptions;
        var summary = Summary;
        services.TryAddSingleton(provider => new FirestoreSagaStore<TSaga>(
            new FirestoreDocuments(optionsFactory(provider)), new SagaDocumentMapper<TSaga>(json, summary)));
        services.TryAddSingleton<FirestoreSagaQueries<TSaga>>();
        services.TryAddSingleton<AiProd.SagaStore.ISagaDocumentStore<TSaga>>(provider => new FirestoreSagaDocumentStore<TSaga>(provider.GetRequiredService<FirestoreSagaStore<TSaga>>()));
        services.TryAddSingleton<ISagaQueries<TSaga>>(provider => provider.GetRequiredService<FirestoreSagaQueries<TSaga>>());
        services.RegisterLoadSagaRepository<TSaga, FirestoreSagaRepositoryContextFactory<TSaga>>();
        services.RegisterQuerySagaRepository<TSaga, FirestoreSagaRepositoryContextFactory<TSaga>>();
        services.RegisterSagaRepository<TSaga, FirestoreSagaDatabaseContext<TSaga>,
            SagaConsumeContextFactory<FirestoreSagaDatabaseContext<TSaga>, TSaga>, FirestoreSagaRepositoryContextFactory<TSaga>>();
    }
}
