using AiProd.SagaStore.Firestore.Configuration;

// In MassTransit's namespace, like its own persistence packages, so .FirestoreRepository() shows up beside .InMemoryRepository().
namespace MassTransit;

public static class FirestoreSagaRepositoryRegistrationExtensions
{
    /// <summary>
    /// Keeps this saga's instances in Firestore, one document per instance with typed fields, updates checked
    /// against the version that was loaded (a lost race is a <see cref="ConcurrencyException"/>, so message retry
    /// runs it again). Also registers <see cref="ILoadSagaRepository{TSaga}"/>, <see cref="IQuerySagaRepository{TSaga}"/>
    /// and <see cref="AiProd.SagaStore.Firestore.FirestoreSagaQueries{TSaga}"/>.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> FirestoreRepository<TSaga>(
        this ISagaRegistrationConfigurator<TSaga> configurator, Action<IFirestoreSagaRepositoryConfigurator<TSaga>>? configure = null)
        where TSaga : class, ISagaVersion
    {
        var repository = new FirestoreSagaRepositoryConfigurator<TSaga>();
        configure?.Invoke(repository);
        repository.Validate();
        configurator.Repository(repository.Register);
        return configurator;
    }
}
