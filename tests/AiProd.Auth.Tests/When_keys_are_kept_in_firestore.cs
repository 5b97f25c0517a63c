using AiProd.Auth;
using AiProd.SagaStore.Firestore;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.Testing;

namespace AiProd.Auth.Tests;

/// <summary>The key store conformance on the Firestore emulator: a collection of its own per test.</summary>
[Category("Integration")]
public class When_keys_are_kept_in_firestore : ApiKeyStoreConformance
{
    private static FirestoreEmulatorProcess? _emulator;
    private FirestoreApiKeyStore? _store;

    [OneTimeSetUp]
    public async Task StartEmulator() => _emulator = await FirestoreEmulatorProcess.StartAsync(why => Assert.Ignore(why));

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        if (_emulator is not null)
            await _emulator.DisposeAsync();
        _emulator = null;
    }

    protected override Task<IApiKeyStore> CreateStoreAsync()
    {
        var options = new FirestoreOptions { ProjectId = "aiprod-test", EmulatorHost = _emulator!.Host, Collection = $"apiKeys-{Guid.NewGuid():N}" };
        _store = new FirestoreApiKeyStore(new FirestoreDocuments(options));
        return Task.FromResult<IApiKeyStore>(_store);
    }

    [TearDown]
    public async Task DeleteCollection()
    {
        if (_store is null)
            return;
        foreach (var key in await _store.ListAsync())
            await _store.Documents.DeleteAsync(key.Id);
        _store.Dispose();
    }
}
