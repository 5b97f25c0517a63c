using System.Text.Json;
using AiProd.SagaStore.Firestore.Configuration;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.Saga;
using AiProd.SagaStore.Tests.Conformance;
using MassTransit;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>The shared store conformance suite on the Firestore emulator: a collection of its own per test.</summary>
[Category("Integration")]
public class FirestoreSagaStoreConformance : SagaStoreConformance
{
    private FirestoreOptions _options = null!;
    private FirestoreSagaStore<ConformanceSaga>? _withoutSummaries;
    private FirestoreSagaStore<ConformanceSaga> _store = null!;

    protected override int MaxDocumentBytes => (int)DocumentSize.Limit;

    /// <summary>The store lists by its <c>currentState</c> field; this saga names its state <c>State</c>.</summary>
    private static JsonSerializerOptions Json { get; } = new(SagaDocumentMapper.DefaultJsonOptions) { PropertyNamingPolicy = new StateAsCurrentState() };

    protected override (ISagaDocumentStore<ConformanceSaga> Store, ISagaQueries<ConformanceSaga> Queries) CreateStore()
    {
        _options = FirestoreEmulator.Options(FirestoreStoreTest.UniqueCollection("conformance"));
        _store = new FirestoreSagaStore<ConformanceSaga>(new FirestoreDocuments(_options), new SagaDocumentMapper<ConformanceSaga>(Json, Summarize));
        return (new FirestoreSagaDocumentStore<ConformanceSaga>(_store), new FirestoreSagaQueries<ConformanceSaga>(_store));
    }

    protected override ISagaDocumentStore<ConformanceSaga> CreateStoreKeepingNoSummaries()
    {
        _withoutSummaries = new FirestoreSagaStore<ConformanceSaga>(new FirestoreDocuments(_options), new SagaDocumentMapper<ConformanceSaga>(Json));
        return new FirestoreSagaDocumentStore<ConformanceSaga>(_withoutSummaries);
    }

    protected override async Task DropStore()
    {
        await FirestoreStoreTest.DeleteAll(_store.Documents);
        _store.Dispose();
        _withoutSummaries?.Dispose();
        _withoutSummaries = null;
    }

    protected override void UseRepository(ISagaRegistrationConfigurator<ConformanceSaga> saga) =>
        saga.FirestoreRepository(r =>
        {
            r.UseOptions(_ => _options);
            r.JsonOptions = Json;
            r.Summary = Summarize;
        });

    private sealed class StateAsCurrentState : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name == nameof(ConformanceSaga.State) ? "currentState" : CamelCase.ConvertName(name);
    }
}
