using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Tests;
using AiProd.SagaStore.Firestore.Saga;
using AiProd.SagaStore.Firestore.V1;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>The saga tests' driver with VideoStateMachine on the Firestore repository instead of in memory.</summary>
[Category("Integration")]
public class When_the_video_saga_runs_on_firestore : PipelineDriver
{
    private FirestoreSagaQueries<VideoState> Queries => Services.GetRequiredService<FirestoreSagaQueries<VideoState>>();

    protected override void AddVideoSaga(IBusRegistrationConfigurator bus)
    {
        var collection = FirestoreStoreTest.UniqueCollection("video-saga");
        bus.AddVideoSagaStateMachine().FirestoreRepository(r =>
        {
            r.Options.ProjectId = FirestoreEmulator.ProjectId;
            r.Options.EmulatorHost = FirestoreEmulator.Host;
            r.Options.Collection = collection;
        });
    }

    [TearDown]
    public Task DropCollection() => FirestoreStoreTest.DeleteAll(Services.GetRequiredService<FirestoreSagaStore<VideoState>>().Documents);

    [Test]
    public async Task Should_store_a_new_video_in_InputSanitizer_with_typed_fields()
    {
        await Start();
        var store = Services.GetRequiredService<FirestoreSagaStore<VideoState>>();
        var stored = await Eventually(() => Queries.GetAsync(VideoId), v => v?.CurrentState == VideoStages.InputSanitizer);
        var raw = (await store.Documents.GetAsync(VideoId.ToString()))!.Fields;

        Assert.Multiple(() =>
        {
            Assert.That(stored?.CurrentState, Is.EqualTo(VideoStages.InputSanitizer));
            Assert.That(stored!.Request, Is.EqualTo(Request));
            Assert.That(raw["currentState"].StringValue, Is.EqualTo(VideoStages.InputSanitizer));
            Assert.That(raw["history"].ArrayValue.Values.Select(v => v.MapValue.Fields["stage"].StringValue), Is.EqualTo(new[] { VideoStages.Init, VideoStages.InputSanitizer }));
            Assert.That(raw["createdAt"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.TimestampValue));
            Assert.That(raw["version"].ValueTypeCase, Is.EqualTo(Value.ValueTypeOneofCase.IntegerValue));
            Assert.That(raw["submitted"].MapValue.Fields["prompt"].StringValue, Is.EqualTo(Request.Prompt));
            Assert.That(stored.StepDeadlineToken, Is.Not.Null, "the pending step deadline's token is kept");
            Assert.That(raw["stepDeadlineToken"].StringValue, Is.EqualTo(stored.StepDeadlineToken.ToString()));
        });
    }

    [Test]
    public async Task Should_start_one_video_when_the_same_GenerateVideo_arrives_several_times_at_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Publish(new GenerateVideo(VideoId, Request))));
        await InState(m => m.InputSanitizer);
        await Settle();

        var stored = await Eventually(() => Queries.GetAsync(VideoId), v => v?.CurrentState == VideoStages.InputSanitizer);
        Assert.Multiple(() =>
        {
            Assert.That(stored!.History.Count(h => h.Stage == VideoStages.InputSanitizer), Is.EqualTo(1));
            Assert.That(All<SanitizeInput>(), Has.Count.EqualTo(1), "the losers of the create race found the video and were ignored");
            Assert.That(AllEvents<Fault<GenerateVideo>>(f => f.Message.VideoId), Is.Empty);
        });
    }

    [Test]
    public async Task Should_record_every_shot_once_and_compose_once_when_all_shots_arrive_together()
    {
        var plan = await ToRender(shots: 8);
        var round = Current()!.StageAttempt;
        await Task.WhenAll(plan.Select(shot => Publish(new ShotRendered(VideoId, round, Samples.Rendered(shot, round)))));

        await Published<ComposeVideo>();
        await Settle();
        var stored = await Eventually(() => Queries.GetAsync(VideoId), v => v?.RenderedShots.Count == plan.Count);
        Assert.Multiple(() =>
        {
            Assert.That(All<ComposeVideo>(), Has.Count.EqualTo(1));
            Assert.That(stored!.RenderedShots.Keys, Is.EquivalentTo(plan.Select(s => s.ShotId)));
            Assert.That(stored.RenderLedger, Has.Count.EqualTo(plan.Count), "each render paid for once");
            Assert.That(stored.ComposeRequested, Is.True);
            Assert.That(AllEvents<Fault<ShotRendered>>(f => f.Message.VideoId), Is.Empty);
        });
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(50);
        }
    }
}
