using AiProd.SagaStore;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.SagaStore.Tests.Conformance;

/// <summary>
/// What every saga store must do, whatever it is built on. A store's test class derives from this and supplies a
/// fresh, empty store per test (<see cref="CreateStore"/>), its removal (<see cref="DropStore"/>) and its MassTransit
/// registration (<see cref="UseRepository"/>) pointing at the same data.
/// </summary>
public abstract partial class SagaStoreConformance
{
    protected ISagaDocumentStore<ConformanceSaga> Store { get; private set; } = null!;

    protected ISagaQueries<ConformanceSaga> Queries { get; private set; } = null!;

    /// <summary>The size limit the store enforces (the conformance store keeps its default).</summary>
    protected abstract int MaxDocumentBytes { get; }

    protected abstract (ISagaDocumentStore<ConformanceSaga> Store, ISagaQueries<ConformanceSaga> Queries) CreateStore();

    protected abstract Task DropStore();

    /// <summary>A store on the same data as <see cref="CreateStore"/>'s that keeps no summaries (as one written before them did).</summary>
    protected abstract ISagaDocumentStore<ConformanceSaga> CreateStoreKeepingNoSummaries();

    protected abstract void UseRepository(ISagaRegistrationConfigurator<ConformanceSaga> saga);

    [SetUp]
    public void CreateFreshStore() => (Store, Queries) = CreateStore();

    [TearDown]
    public Task DropTheStore() => DropStore();

    protected static ConformanceSaga NewSaga(string? state = "new", int count = 0) =>
        new() { CorrelationId = NewId.NextGuid(), State = state, Count = count, Tags = ["a", "b"] };

    [Test]
    public async Task Should_load_an_inserted_saga_as_it_was_stored()
    {
        var saga = NewSaga(count: 3);
        await Store.InsertAsync(saga);

        var loaded = await Store.LoadAsync(saga.CorrelationId);
        Assert.That(loaded, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(loaded!.CorrelationId, Is.EqualTo(saga.CorrelationId));
            Assert.That(loaded.Version, Is.EqualTo(saga.Version));
            Assert.That(loaded.Count, Is.EqualTo(3));
            Assert.That(loaded.Tags, Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [Test]
    public async Task Should_refuse_a_second_insert_of_the_same_id_with_a_concurrency_exception()
    {
        var saga = NewSaga(count: 1);
        await Store.InsertAsync(saga);

        var twin = NewSaga(count: 99);
        twin.CorrelationId = saga.CorrelationId;
        Assert.ThrowsAsync(Is.InstanceOf<ConcurrencyException>(), () => Store.InsertAsync(twin));
        Assert.That((await Store.LoadAsync(saga.CorrelationId))!.Count, Is.EqualTo(1), "the first insert stands");
    }

    [Test]
    public async Task Should_load_nothing_for_an_unknown_id() =>
        Assert.That(await Store.LoadAsync(Guid.NewGuid()), Is.Null);

    [Test]
    public async Task Should_bump_the_version_on_each_update()
    {
        var saga = NewSaga();
        await Store.InsertAsync(saga);
        var loaded = (await Store.LoadAsync(saga.CorrelationId))!;
        var before = loaded.Version;

        loaded.Count = 5;
        await Store.UpdateAsync(loaded);

        var after = (await Store.LoadAsync(saga.CorrelationId))!;
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Version, Is.EqualTo(before + 1));
            Assert.That(after.Version, Is.EqualTo(before + 1));
            Assert.That(after.Count, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task Should_reject_a_stale_update_with_a_concurrency_exception()
    {
        var saga = NewSaga();
        await Store.InsertAsync(saga);
        var first = (await Store.LoadAsync(saga.CorrelationId))!;
        var stale = (await Store.LoadAsync(saga.CorrelationId))!;

        first.Count = 1;
        await Store.UpdateAsync(first);
        stale.Count = 2;
        var staleVersion = stale.Version;

        var error = Assert.ThrowsAsync(Is.InstanceOf<ConcurrencyException>(), () => Store.UpdateAsync(stale));
        Assert.Multiple(async () =>
        {
            Assert.That(((ConcurrencyException)error!).CorrelationId, Is.EqualTo(saga.CorrelationId));
            Assert.That(stale.Version, Is.EqualTo(staleVersion), "a rejected update leaves the caller's version alone");
            Assert.That((await Store.LoadAsync(saga.CorrelationId))!.Count, Is.EqualTo(1), "the stale write is not applied");
        });
    }

    [Test]
    public async Task Should_reject_an_update_of_a_saga_that_is_not_stored()
    {
        var ghost = NewSaga();
        Assert.ThrowsAsync(Is.InstanceOf<ConcurrencyException>(), () => Store.UpdateAsync(ghost));
        Assert.That(await Store.LoadAsync(ghost.CorrelationId), Is.Null);
    }

    [Test]
    public async Task Should_lose_no_increment_when_concurrent_writers_retry_their_conflicts()
    {
        const int writers = 8, incrementsEach = 10;
        var saga = NewSaga();
        await Store.InsertAsync(saga);
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < incrementsEach; i++)
            {
                while (true)
                {
                    var current = (await Store.LoadAsync(saga.CorrelationId))!;
                    current.Count++;
                    try
                    {
                        await Store.UpdateAsync(current);
                        break;
                    }
                    catch (ConcurrencyException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })));

        var final = (await Store.LoadAsync(saga.CorrelationId))!;
        Assert.Multiple(() =>
        {
            Assert.That(final.Count, Is.EqualTo(writers * incrementsEach));
            Assert.That(final.Version, Is.EqualTo(saga.Version + writers * incrementsEach));
        });
        TestContext.Out.WriteLine($"{conflicts} version conflicts were retried");
    }

    [Test]
    public async Task Should_apply_every_message_once_when_many_race_through_the_MassTransit_repository()
    {
        const int messages = 30;
        var id = NewId.NextGuid();
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x => UseRepository(x.AddSaga<ConformanceSaga, ConformanceSagaDefinition>()))
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        try
        {
            await harness.Bus.Publish(new Bump(id));
            await Until(async () => await Store.LoadAsync(id) is not null);

            await Task.WhenAll(Enumerable.Range(0, messages).Select(_ => harness.Bus.Publish(new Bump(id))));
            await Until(async () => (await Store.LoadAsync(id))?.Count >= messages + 1);
            await Task.Delay(300);

            var saga = (await Store.LoadAsync(id))!;
            Assert.Multiple(async () =>
            {
                Assert.That(saga.Count, Is.EqualTo(messages + 1), "every Bump counted exactly once");
                Assert.That(saga.State, Is.EqualTo("odd"));
                Assert.That(await harness.Published.Any<Fault<Bump>>(), Is.False, "no message gave up");
                Assert.That(await provider.GetRequiredService<ILoadSagaRepository<ConformanceSaga>>().Load(id), Has.Property("Count").EqualTo(messages + 1));
            });
        }
        finally
        {
            await harness.Stop();
        }
    }

    [Test]
    public async Task Should_delete_a_saga_and_ignore_deleting_an_absent_one()
    {
        var saga = NewSaga();
        await Store.InsertAsync(saga);

        await Store.DeleteAsync(saga.CorrelationId);
        await Store.DeleteAsync(saga.CorrelationId);

        Assert.That(await Store.LoadAsync(saga.CorrelationId), Is.Null);
    }

    [Test]
    public async Task Should_find_sagas_matching_a_predicate()
    {
        await Store.InsertAsync(NewSaga(count: 1));
        var wanted = NewSaga(count: 7);
        await Store.InsertAsync(wanted);

        var found = await Store.FindAsync(s => s.Count == 7);
        Assert.That(found.Select(s => s.CorrelationId), Is.EqualTo(new[] { wanted.CorrelationId }));
    }

    [Test]
    public async Task Should_refuse_an_oversize_document_naming_the_saga_and_its_size()
    {
        var saga = NewSaga();
        saga.Notes = new string('x', MaxDocumentBytes + 1);

        var error = Assert.ThrowsAsync<SagaDocumentTooLargeException>(() => Store.InsertAsync(saga));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(saga.CorrelationId.ToString()));
            Assert.That(error.Message, Does.Contain(error.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(error.SizeBytes, Is.GreaterThan(MaxDocumentBytes));
        });
        Assert.That(await Store.LoadAsync(saga.CorrelationId), Is.Null);
    }

    [Test]
    public async Task Should_refuse_an_update_that_grows_past_the_limit_and_keep_the_stored_saga()
    {
        var saga = NewSaga(count: 2);
        await Store.InsertAsync(saga);
        var loaded = (await Store.LoadAsync(saga.CorrelationId))!;
        loaded.Notes = new string('y', MaxDocumentBytes + 1);

        Assert.ThrowsAsync<SagaDocumentTooLargeException>(() => Store.UpdateAsync(loaded));
        Assert.That((await Store.LoadAsync(saga.CorrelationId))!.Notes, Is.Empty);
    }

    protected static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The condition did not become true within 15 s.");
            await Task.Delay(20);
        }
    }
}
