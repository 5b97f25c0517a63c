using AiProd.SagaStore;
using AiProd.SagaStore.Sqlite;
using AiProd.SagaStore.Tests.Conformance;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.SagaStore.Tests;

/// <summary>The conformance suite on SQLite: a database file per test in the temp folder, deleted afterwards.</summary>
public class SqliteSagaStoreConformance : SagaStoreConformance
{
    private string _path = null!;

    protected override int MaxDocumentBytes => SqliteSagaRepositoryOptions<ConformanceSaga>.DefaultMaxDocumentBytes;

    private void Configure(SqliteSagaRepositoryOptions<ConformanceSaga> options)
    {
        options.ConnectionString = $"Data Source={_path}";
        options.TableName = "conformance_sagas";
        options.CurrentState = s => s.State;
        options.Owner = s => s.Owner;
        options.Summary = Summarize;
    }

    protected override (ISagaDocumentStore<ConformanceSaga> Store, ISagaQueries<ConformanceSaga> Queries) CreateStore()
    {
        _path = Path.Combine(Path.GetTempPath(), $"aiprod-sagastore-{Guid.NewGuid():N}.db");
        var options = new SqliteSagaRepositoryOptions<ConformanceSaga>();
        Configure(options);
        var store = new SqliteSagaStore<ConformanceSaga>(options);
        return (store, new SqliteSagaQueries<ConformanceSaga>(store));
    }

    protected override ISagaDocumentStore<ConformanceSaga> CreateStoreKeepingNoSummaries()
    {
        var options = new SqliteSagaRepositoryOptions<ConformanceSaga>();
        Configure(options);
        options.Summary = null;
        return new SqliteSagaStore<ConformanceSaga>(options);
    }

    protected override Task DropStore()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
        return Task.CompletedTask;
    }

    protected override void UseRepository(ISagaRegistrationConfigurator<ConformanceSaga> saga) => saga.SqliteRepository(Configure);

    [Test]
    public async Task Should_keep_sagas_in_the_file_for_a_new_store()
    {
        var saga = NewSaga(count: 9);
        await Store.InsertAsync(saga);
        SqliteConnection.ClearAllPools();

        var reopened = CreateStoreOn(_path);
        Assert.That((await reopened.LoadAsync(saga.CorrelationId))?.Count, Is.EqualTo(9));
    }

    /// <summary>The orchestrator's sweeps (outbox, stalled videos) run this every few seconds: it must not read every document.</summary>
    [Test]
    public async Task Should_find_by_a_document_property_through_an_index_not_a_scan()
    {
        var store = (SqliteSagaStore<ConformanceSaga>)Store;
        for (var i = 0; i < 30; i++)
            await Store.InsertAsync(NewSaga(count: i));
        await Store.FindAtMostAsync(nameof(ConformanceSaga.Count), 5, 10);

        var plan = await store.QueryPlanAsync(store.FindAtMostSql(nameof(ConformanceSaga.Count)),
            new Dictionary<string, object> { ["$atMost"] = 5L, ["$limit"] = 10 });
        Assert.That(plan, Has.Some.Contains("USING INDEX ix_conformance_sagas_count").IgnoreCase, string.Join("\n", plan));
        Assert.That(plan, Has.None.StartsWith("SCAN"), string.Join("\n", plan));
    }

    [Test]
    public void Should_refuse_to_query_a_property_name_that_is_not_a_plain_identifier() =>
        Assert.That(() => Store.FindAtMostAsync("count') OR 1=1 --", 5, 10), Throws.ArgumentException);

    [Test]
    public async Task Should_run_in_WAL_mode()
    {
        await Store.LoadAsync(Guid.NewGuid());
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("wal"));
    }

    [TestCase(false, "finished")]
    [TestCase(true, null)]
    public async Task Should_keep_a_completed_saga_as_history_unless_told_to_delete_it(bool deleteCompleted, string? stateAfter)
    {
        var id = NewId.NextGuid();
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x => x.AddSaga<ConformanceSaga, ConformanceSagaDefinition>().SqliteRepository(r =>
            {
                Configure(r);
                r.DeleteCompleted = deleteCompleted;
            }))
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        try
        {
            await harness.Bus.Publish(new Bump(id));
            await Until(async () => await Store.LoadAsync(id) is not null);
            await harness.Bus.Publish(new Finish(id));
            Assert.That(await harness.Consumed.Any<Finish>(), Is.True);
            await Until(async () => (await Store.LoadAsync(id))?.State != "odd");

            Assert.That((await Store.LoadAsync(id))?.State, Is.EqualTo(stateAfter));
        }
        finally
        {
            await harness.Stop();
        }
    }

    [Test]
    public async Task Should_add_the_owner_and_summary_columns_to_a_table_made_before_them()
    {
        var old = NewSaga(count: 2);
        await using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE conformance_sagas (correlation_id TEXT NOT NULL PRIMARY KEY, current_state TEXT NULL, version INTEGER NOT NULL,
                    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, data TEXT NOT NULL);
                INSERT INTO conformance_sagas VALUES ($id, 'new', 0, 1, 1, $data);
                """;
            command.Parameters.AddWithValue("$id", old.CorrelationId.ToString("D"));
            command.Parameters.AddWithValue("$data", System.Text.Json.JsonSerializer.Serialize(old));
            await command.ExecuteNonQueryAsync();
        }

        var owned = NewSaga();
        owned.Owner = "alice";
        await Store.InsertAsync(owned);
        Assert.Multiple(async () =>
        {
            Assert.That((await Store.LoadAsync(old.CorrelationId))?.Count, Is.EqualTo(2), "the old row is still read");
            Assert.That((await Queries.ListSummariesAsync(new SagaListFilter(), 10, null)).Items.Select(s => s.Json),
                Is.EquivalentTo(new[] { Summarize(old), Summarize(owned) }), "the old row is summarised on the fly");
            Assert.That((await Queries.ListAsync(new SagaListFilter(Owner: "alice"), 10, null)).Items.Select(s => s.CorrelationId), Is.EqualTo(new[] { owned.CorrelationId }));
        });
    }

    [TestCase("")]
    [TestCase("sagas; DROP TABLE x")]
    [TestCase("1sagas")]
    public void Should_refuse_a_table_name_that_is_not_an_identifier(string table)
    {
        var options = new SqliteSagaRepositoryOptions<ConformanceSaga> { ConnectionString = "Data Source=x.db", TableName = table };
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Test]
    public void Should_name_the_table_after_the_saga_by_default() =>
        Assert.That(new SqliteSagaRepositoryOptions<ConformanceSaga>().TableName, Is.EqualTo("conformance_saga"));

    private static SqliteSagaStore<ConformanceSaga> CreateStoreOn(string path) =>
        new(new SqliteSagaRepositoryOptions<ConformanceSaga> { ConnectionString = $"Data Source={path}", TableName = "conformance_sagas" });
}
