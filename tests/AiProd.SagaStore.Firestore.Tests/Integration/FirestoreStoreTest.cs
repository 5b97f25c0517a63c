using AiProd.Saga;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.Saga;
using AiProd.SagaStore.Firestore.V1;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>A VideoState store on a collection of its own per test, emptied afterwards.</summary>
[Category("Integration")]
public abstract class FirestoreStoreTest
{
    protected FirestoreSagaStore<VideoState> Store { get; private set; } = null!;

    protected FirestoreDocuments Documents => Store.Documents;

    [SetUp]
    public void CreateStore() =>
        Store = new(new FirestoreDocuments(FirestoreEmulator.Options(UniqueCollection("videos"))), new SagaDocumentMapper<VideoState>());

    [TearDown]
    public async Task DropStore()
    {
        await DeleteAll(Store.Documents);
        Store.Dispose();
    }

    public static string UniqueCollection(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static async Task DeleteAll(FirestoreDocuments documents)
    {
        foreach (var document in await documents.QueryAsync(new StructuredQuery()))
            await documents.DeleteAsync(document.Name[(documents.CollectionPath.Length + 1)..]);
    }
}
