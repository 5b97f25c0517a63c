using AiProd.SagaStore.Firestore.Saga;
using MassTransit;
using MassTransit.Saga;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

[Category("Integration")]
public class When_many_messages_update_one_saga
{
    private const int Messages = 20;
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;

    [SetUp]
    public async Task StartHarness()
    {
        var collection = FirestoreStoreTest.UniqueCollection("counters");
        _provider = new ServiceCollection()
            .AddSingleton(FirestoreEmulator.Options(collection))
            .AddMassTransitTestHarness(x => x.AddSaga<CounterSaga, CounterSagaDefinition>()
                .FirestoreRepository(r => r.UseOptions(provider => provider.GetRequiredService<FirestoreOptions>())))
            .BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    [TearDown]
    public async Task StopHarness()
    {
        await FirestoreStoreTest.DeleteAll(_provider.GetRequiredService<FirestoreSagaStore<CounterSaga>>().Documents);
        await _harness.Stop();
        await _provider.DisposeAsync();
    }

    [Test]
    public async Task Should_apply_every_message_exactly_once()
    {
        var id = NewId.NextGuid();
        await Task.WhenAll(Enumerable.Range(1, Messages).Select(n => _harness.Bus.Publish(new Increment(id, n))));

        var queries = _provider.GetRequiredService<FirestoreSagaQueries<CounterSaga>>();
        var counter = await Eventually(() => queries.GetAsync(id), c => c?.Count == Messages);
        Assert.Multiple(async () =>
        {
            Assert.That(counter!.Numbers.Order(), Is.EqualTo(Enumerable.Range(1, Messages)), "none lost, none applied twice");
            Assert.That(counter.Version, Is.EqualTo(Messages - 1), "one insert, then one version per update");
            Assert.That(await _harness.Published.Any<Fault<Increment>>(), Is.False);
        });
    }

    [Test]
    public async Task Should_load_and_query_through_MassTransit_repositories()
    {
        var id = NewId.NextGuid();
        await _harness.Bus.Publish(new Increment(id, 7));
        var queries = _provider.GetRequiredService<FirestoreSagaQueries<CounterSaga>>();
        await Eventually(() => queries.GetAsync(id), c => c is not null);

        var loaded = await _provider.GetRequiredService<ILoadSagaRepository<CounterSaga>>().Load(id);
        var found = await _provider.GetRequiredService<IQuerySagaRepository<CounterSaga>>().Find(new SagaQuery<CounterSaga>(c => c.Numbers.Contains(7)));
        Assert.Multiple(() =>
        {
            Assert.That(loaded?.Count, Is.EqualTo(1));
            Assert.That(found, Is.EqualTo(new[] { id }));
        });
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(50);
        }
    }
}
