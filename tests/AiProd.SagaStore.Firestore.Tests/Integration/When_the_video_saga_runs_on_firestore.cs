using System.Diagnostics.Metrics;
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

    [Test]
    public async Task Should_write_each_step_without_a_version_conflict_when_every_answer_follows_its_command_at_once()
    {
        // Each answer is published as soon as its command is seen, while the saga may still be dropping that command
        // from the stored outbox: in one process a video's messages, of every type, wait for each other, so no write
        // of this video's document meets another one.
        long conflicts = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName && instrument.Name == "aiprod_saga_concurrency_conflicts")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref conflicts, value));
        listener.Start();

        // Driven by the commands alone (the harness's copy of the instance is not the stored one on this repository).
        var plan = await ToRender(shots: 4);
        foreach (var shot in plan)
        {
            var render = await Published<RenderShot>(r => r.Shot.ShotId == shot.ShotId);
            await Publish(new ShotRendered(VideoId, render.Attempt, Samples.Rendered(shot, render.Attempt)));
        }

        var compose = await Published<ComposeVideo>();
        var timeline = compose.Shots.Select(s => new ShotTiming(s.ShotId, s.Order * s.DurationSeconds, s.DurationSeconds)).ToList();
        await Publish(new VideoComposed(VideoId, compose.Attempt, "file:///tmp/composed.mp4", 10.0, timeline));
        var technical = await Published<RunTechnicalQa>();
        await Publish(new TechnicalQaCompleted(VideoId, technical.Attempt, Samples.TechPass()));
        var semantic = await Published<RunSemanticQa>();
        await Publish(new SemanticQaCompleted(VideoId, semantic.Attempt, Samples.Semantic(9.0)));
        var finalize = await Published<FinalizeVideo>();
        await Publish(new VideoFinalized(VideoId, finalize.Attempt, finalize.AssetUri, "file:///tmp/manifest.json"));
        var stored = await Eventually(() => Queries.GetAsync(VideoId), v => v?.CurrentState == VideoStages.Complete);
        await Settle();

        Assert.That(stored?.CurrentState, Is.EqualTo(VideoStages.Complete));
        Assert.That(Interlocked.Read(ref conflicts), Is.Zero, "writes of one video that met in this process");
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
