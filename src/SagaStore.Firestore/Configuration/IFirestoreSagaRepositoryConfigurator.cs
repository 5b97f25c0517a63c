using System.Text.Json;

namespace AiProd.SagaStore.Firestore.Configuration;

/// <summary>Settings of the Firestore saga repository for one saga type.</summary>
public interface IFirestoreSagaRepositoryConfigurator
{
    /// <summary>
    /// Where the documents live. Defaults: the emulator from <c>FIRESTORE_EMULATOR_HOST</c>, database
    /// <c>(default)</c>, collection named after the saga type. Validated when the repository is registered.
    /// </summary>
    FirestoreOptions Options { get; }

    /// <summary>How the saga serializes; defaults to <see cref="Mapping.SagaDocumentMapper.DefaultJsonOptions"/>.</summary>
    JsonSerializerOptions? JsonOptions { get; set; }

    /// <summary>Takes the options from the container instead (for example bound configuration), validated on first use.</summary>
    void UseOptions(Func<IServiceProvider, FirestoreOptions> factory);
}

/// <summary>Settings of the Firestore saga repository that depend on the saga type.</summary>
public interface IFirestoreSagaRepositoryConfigurator<TSaga> : IFirestoreSagaRepositoryConfigurator
    where TSaga : class
{
    /// <summary>Makes each document's <c>listSummary</c> field (read by list pages instead of whole documents); null writes none.</summary>
    Func<TSaga, string>? Summary { get; set; }
}
