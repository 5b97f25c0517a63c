using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Tests;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.Saga;
using AiProd.SagaStore.Firestore.V1;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>
/// The saga's document cache: the next message of a video starts from the version this process wrote, and a copy that
/// another process made stale costs one lost compare-and-swap, never the other process's change.
/// </summary>
public class When_the_saga_remembers_its_documents : FirestoreVideoSagaTest
{
    private FirestoreSagaStore<VideoState> SagaStore => Services.GetRequiredService<FirestoreSagaStore<VideoState>>();

    [Test]
    public async Task Should_start_each_step_from_the_version_it_wrote()
    {
        await Start();
        var sanitize = await Published<SanitizeInput>();
        var hits = SagaStore.Cache.Hits;

        await Publish(new InputSanitized(VideoId, sanitize.Attempt, Samples.Sanitized(Request)));
        var stored = await Stored(v => v?.CurrentState == VideoStages.Analysis, TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(stored?.CurrentState, Is.EqualTo(VideoStages.Analysis));
            Assert.That(SagaStore.Cache.Hits, Is.GreaterThan(hits), "the step's load came from the cache");
        });
    }

    [Test]
    public async Task Should_read_again_and_keep_the_other_writer_s_change_when_its_copy_is_stale()
    {
        await Start();
        var sanitize = await Published<SanitizeInput>();
        await Settle();

        // Another replica (its own client, so not this process's cache) changes the document.
        using var other = new FirestoreDocuments(SagaStore.Documents.Options);
        var current = (await other.GetAsync(VideoId.ToString()))!;
        var fields = new Google.Protobuf.Collections.MapField<string, Value> { current.Fields };
        fields[SagaDocumentMapper.OwnerField] = new Value { StringValue = "changed-elsewhere" };
        fields[SagaDocumentMapper.VersionField] = new Value { IntegerValue = fields[SagaDocumentMapper.VersionField].IntegerValue + 1 };
        await other.UpdateAsync(VideoId.ToString(), fields, current.UpdateTime);

        await Publish(new InputSanitized(VideoId, sanitize.Attempt, Samples.Sanitized(Request)));
        var stored = await Stored(v => v?.CurrentState == VideoStages.Analysis, TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(stored?.CurrentState, Is.EqualTo(VideoStages.Analysis), "the step was applied after reading again");
            Assert.That(stored!.Owner, Is.EqualTo("changed-elsewhere"), "the other writer's change was not overwritten by the stale copy");
            Assert.That(AllEvents<MassTransit.Fault<InputSanitized>>(f => f.Message.VideoId), Is.Empty);
        });
    }
}
