using AiProd.Contracts;
using AiProd.Saga;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Saga;
using AiProd.SagaStore.Firestore.V1;
using MassTransit;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

public class When_sagas_are_stored_in_firestore : FirestoreStoreTest
{
    [Test]
    public async Task Should_load_an_inserted_saga_as_it_was()
    {
        var video = Videos.Rich();
        await Store.NewContext().Insert(video, default);

        var loaded = await Store.NewContext().Load(video.CorrelationId, default);
        Assert.That(loaded, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(loaded!.CurrentState, Is.EqualTo(video.CurrentState));
            Assert.That(loaded.Request.BudgetUsd, Is.EqualTo(video.Request.BudgetUsd));
            Assert.That(loaded.RenderedShots.Keys, Is.EquivalentTo(video.RenderedShots.Keys));
            Assert.That(loaded.History, Is.EqualTo(video.History));
            Assert.That(loaded.CreatedAt, Is.EqualTo(video.CreatedAt));
        });
    }

    [Test]
    public async Task Should_load_a_video_waiting_for_approval_with_its_versions_and_answers()
    {
        var video = Videos.AwaitingApproval();
        await Store.NewContext().Insert(video, default);

        var loaded = (await Store.NewContext().Load(video.CorrelationId, default))!;
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Request.Approval!.Roles, Is.EqualTo(video.Request.Approval!.Roles));
            Assert.That(loaded.Request.Approval.DeadlineSeconds, Is.EqualTo(3600));
            Assert.That(loaded.PendingApproval, Is.EqualTo(video.PendingApproval));
            Assert.That(loaded.Approvals, Is.EqualTo(video.Approvals));
            Assert.That(loaded.Revision, Is.EqualTo(2));
            Assert.That(loaded.ReviewerNotes, Is.EqualTo(video.ReviewerNotes));
            Assert.That(loaded.Versions.Single().Outcome, Is.EqualTo("rejected at final by legal"));
            Assert.That(loaded.Versions.Single().Shots.Select(s => s.ShotId), Is.EqualTo(video.Versions[0].Shots.Select(s => s.ShotId)));
            Assert.That(loaded.Versions.Single().EndedAt, Is.EqualTo(video.Versions[0].EndedAt));
        });
    }

    [Test]
    public async Task Should_reject_a_second_insert_of_the_same_id_as_a_concurrency_conflict()
    {
        var video = Videos.Rich();
        await Store.NewContext().Insert(video, default);
        Assert.That(async () => await Store.NewContext().Insert(video, default), Throws.TypeOf<FirestoreSagaConcurrencyException>().And.InstanceOf<ConcurrencyException>());
    }

    [Test]
    public async Task Should_load_nothing_for_an_unknown_id() =>
        Assert.That(await Store.NewContext().Load(NewId.NextGuid(), default), Is.Null);

    [Test]
    public async Task Should_reject_an_update_based_on_a_stale_read()
    {
        var video = Videos.Rich();
        await Store.NewContext().Insert(video, default);
        var first = Store.NewContext();
        var second = Store.NewContext();
        var mine = (await first.Load(video.CorrelationId, default))!;
        var theirs = (await second.Load(video.CorrelationId, default))!;

        theirs.ReRenders = 1;
        await second.Update(theirs, default);
        mine.ReRenders = 2;
        var error = Assert.ThrowsAsync<FirestoreSagaConcurrencyException>(() => first.Update(mine, default))!;

        var stored = (await Store.NewContext().Load(video.CorrelationId, default))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain(video.CorrelationId.ToString()));
            Assert.That(stored.ReRenders, Is.EqualTo(1));
            Assert.That(stored.Version, Is.EqualTo(1));
            Assert.That(mine.Version, Is.Zero, "the losing instance keeps its version");
        });
    }

    [Test]
    public async Task Should_check_the_version_when_updating_an_instance_it_did_not_load()
    {
        var video = Videos.Rich();
        await Store.NewContext().Insert(video, default);
        var loaded = (await Store.NewContext().Load(video.CorrelationId, default))!;
        await Store.NewContext().Update(loaded, default);

        Assert.That(() => Store.NewContext().Update(video, default), Throws.TypeOf<FirestoreSagaConcurrencyException>(), "stored version is 1, this one 0");
    }

    [Test]
    public async Task Should_delete_a_saga()
    {
        var video = Videos.Rich();
        await Store.NewContext().Insert(video, default);
        var context = Store.NewContext();
        var loaded = (await context.Load(video.CorrelationId, default))!;
        await context.Delete(loaded, default);
        Assert.That(await Store.NewContext().Load(video.CorrelationId, default), Is.Null);
    }

    [Test]
    public async Task Should_reject_a_delete_based_on_a_stale_read()
    {
        var video = Videos.Rich();
        await Store.NewContext().Insert(video, default);
        var deleter = Store.NewContext();
        var stale = (await deleter.Load(video.CorrelationId, default))!;
        var writer = Store.NewContext();
        await writer.Update((await writer.Load(video.CorrelationId, default))!, default);

        Assert.That(() => deleter.Delete(stale, default), Throws.TypeOf<FirestoreSagaConcurrencyException>());
        Assert.That(await Store.NewContext().Load(video.CorrelationId, default), Is.Not.Null);
    }

    [Test]
    public async Task Should_keep_typed_fields_an_operator_can_read()
    {
        var video = Videos.Rich();
        await Store.NewContext().Insert(video, default);

        var raw = (await Documents.GetAsync(video.CorrelationId.ToString()))!;
        var fields = raw.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(raw.Name, Does.EndWith($"/{video.CorrelationId}"));
            Assert.That(fields["currentState"].StringValue, Is.EqualTo(VideoStages.Render));
            Assert.That(fields["history"].ArrayValue.Values.Select(v => v.ValueTypeCase), Has.All.EqualTo(Value.ValueTypeOneofCase.MapValue));
            Assert.That(fields["history"].ArrayValue.Values[0].MapValue.Fields["stage"].StringValue, Is.EqualTo(VideoStages.InputSanitizer));
            Assert.That(fields["version"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(fields["createdAt"].TimestampValue.ToDateTimeOffset(), Is.EqualTo(video.CreatedAt));
            Assert.That(fields["renderLedger"].ArrayValue.Values[0].MapValue.Fields["costUsd"].DoubleValue, Is.EqualTo(0.0125));
            Assert.That(fields["history"].ArrayValue.Values[0].MapValue.Fields["enteredAt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(fields["submitted"].MapValue.Fields["budgetUsd"].DoubleValue, Is.EqualTo(5.0));
        });
    }

    [Test]
    public void Should_refuse_an_oversized_saga_before_calling_firestore()
    {
        var video = Videos.Rich();
        video.Submitted = video.Submitted with { Prompt = new string('x', 1_048_576) };
        var error = Assert.ThrowsAsync<FirestoreDocumentTooLargeException>(() => Store.NewContext().Insert(video, default))!;
        Assert.That(error.Message, Does.Contain(video.CorrelationId.ToString()).And.Contain("1,048,576-byte limit"));
    }
}
