using AiProd.Saga;
using AiProd.Saga.Tests;
using AiProd.SagaStore.Firestore.Saga;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>The saga tests' driver with VideoStateMachine on the Firestore repository, a collection of its own per test.</summary>
[Category("Integration")]
public abstract class FirestoreVideoSagaTest : PipelineDriver
{
    protected ISagaDocumentStore<VideoState> Store => Services.GetRequiredService<ISagaDocumentStore<VideoState>>();

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

    /// <summary>Reads the stored video until <paramref name="done"/> holds or <paramref name="timeout"/> passes.</summary>
    protected async Task<VideoState?> Stored(Func<VideoState?, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var video = await Store.LoadAsync(VideoId);
            if (done(video) || DateTime.UtcNow > deadline)
                return video;
            await Task.Delay(50);
        }
    }
}
