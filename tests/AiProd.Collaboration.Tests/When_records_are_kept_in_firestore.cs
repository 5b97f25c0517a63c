using AiProd.Collaboration.Comments;
using AiProd.Collaboration.Records;
using AiProd.SagaStore.Firestore;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.V1;
using AiProd.Testing;

namespace AiProd.Collaboration.Tests;

/// <summary>The record store conformance on the Firestore emulator, collections of their own per test.</summary>
[Category("Integration")]
public class When_records_are_kept_in_firestore : RecordStoreConformance
{
    private static FirestoreEmulatorProcess? _emulator;
    private readonly List<IDisposable> _stores = [];

    [OneTimeSetUp]
    public async Task StartEmulator() => _emulator = await FirestoreEmulatorProcess.StartAsync(why => Assert.Ignore(why));

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        if (_emulator is not null)
            await _emulator.DisposeAsync();
        _emulator = null;
    }

    private static FirestoreDocuments Documents(string collection) =>
        new(new FirestoreOptions { ProjectId = "aiprod-test", EmulatorHost = _emulator!.Host, Collection = $"{collection}-{Guid.NewGuid():N}" });

    protected override IRecordStore<T> CreateStore<T>(string name, bool appendOnly = false)
    {
        var store = new FirestoreRecordStore<T>(Documents(name), appendOnly);
        _stores.Add(store);
        return store;
    }

    [TearDown]
    public void DisposeStores()
    {
        foreach (var store in _stores)
            store.Dispose();
        _stores.Clear();
    }

    [Test]
    public async Task Should_store_typed_fields()
    {
        var comment = new Comment("cm_00000000000000ff", Guid.NewGuid(), 2, null, "team-a", "team-a", "Typed", DateTimeOffset.UtcNow) { Anchor = new CommentAnchor(null, 1.5) };
        await Comments.CreateAsync(comment);
        var fields = (await ((FirestoreRecordStore<Comment>)Comments).Documents.GetAsync(comment.Id))!.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(fields["at"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(fields["version"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(fields["anchor"].MapValue.Fields["atSeconds"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.DoubleValue));
            Assert.That(fields["partition"].StringValue, Is.EqualTo(comment.VideoId.ToString("D")));
        });
    }
}
