using AiProd.Collaboration.Audit;
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
    private FirestoreRecordStore<Comment>? _comments;
    private FirestoreRecordStore<AuditEntry>? _audit;

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

    protected override Task<(IRecordStore<Comment>, IRecordStore<AuditEntry>)> CreateStoresAsync()
    {
        _comments = new FirestoreRecordStore<Comment>(Documents("comments"));
        _audit = new FirestoreRecordStore<AuditEntry>(Documents("auditLog"), appendOnly: true);
        return Task.FromResult<(IRecordStore<Comment>, IRecordStore<AuditEntry>)>((_comments, _audit));
    }

    [TearDown]
    public void DisposeStores()
    {
        _comments?.Dispose();
        _audit?.Dispose();
    }

    [Test]
    public async Task Should_store_typed_fields()
    {
        var comment = new Comment("cm_00000000000000ff", Guid.NewGuid(), 2, null, "team-a", "team-a", "Typed", DateTimeOffset.UtcNow) { Anchor = new CommentAnchor(null, 1.5) };
        await _comments!.CreateAsync(comment);
        var fields = (await _comments.Documents.GetAsync(comment.Id))!.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(fields["at"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(fields["version"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(fields["anchor"].MapValue.Fields["atSeconds"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.DoubleValue));
            Assert.That(fields["partition"].StringValue, Is.EqualTo(comment.VideoId.ToString("D")));
        });
    }
}
