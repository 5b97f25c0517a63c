using AiProd.SagaStore.Sqlite;
using AiProd.SagaStore.Tests.Conformance;
using MassTransit;
using Microsoft.Data.Sqlite;

namespace AiProd.SagaStore.Tests;

/// <summary>
/// Many concurrent writes to one SQLite file go through its <see cref="SqliteWriteQueue"/> and share transactions: each
/// caller still gets its own outcome (a duplicate id or a stale version fails alone), every acknowledged write is in
/// the file for a new connection, and a write that throws inside the transaction leaves the others committed.
/// </summary>
public class When_writes_share_a_commit
{
    private string _path = null!;
    private SqliteSagaStore<ConformanceSaga> _store = null!;

    [SetUp]
    public void SetUp()
    {
        _path = Path.Combine(Path.GetTempPath(), $"aiprod-group-commit-{Guid.NewGuid():N}.db");
        _store = new SqliteSagaStore<ConformanceSaga>(new SqliteSagaRepositoryOptions<ConformanceSaga>
        {
            ConnectionString = $"Data Source={_path}",
            TableName = "group_commit",
        });
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
    }

    [Test]
    public async Task Should_fail_only_the_duplicate_among_concurrent_inserts()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        var duplicate = ids[17];
        var writes = ids.Select(id => _store.InsertAsync(new ConformanceSaga { CorrelationId = id, Notes = "first" }))
            .Append(_store.InsertAsync(new ConformanceSaga { CorrelationId = duplicate, Notes = "second" }))
            .ToList();

        var failures = new List<Exception>();
        foreach (var write in writes)
        {
            try
            {
                await write;
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        Assert.That(failures, Has.Count.EqualTo(1), "one of the two inserts of one id fails, no other");
        Assert.That(failures[0], Is.InstanceOf<ConcurrencyException>());
        SqliteConnection.ClearAllPools();
        var fresh = new SqliteSagaStore<ConformanceSaga>(_store.Options);
        foreach (var id in ids)
            Assert.That(await fresh.LoadAsync(id), Is.Not.Null, $"acknowledged insert {id} is in the file");
    }

    [Test]
    public async Task Should_fail_only_the_stale_update_among_concurrent_updates()
    {
        var sagas = Enumerable.Range(0, 50).Select(i => new ConformanceSaga { CorrelationId = Guid.NewGuid(), Count = i }).ToList();
        await Task.WhenAll(sagas.Select(s => _store.InsertAsync(s)));
        var stale = new ConformanceSaga { CorrelationId = sagas[3].CorrelationId, Version = sagas[3].Version + 5 };

        foreach (var saga in sagas)
            saga.Count += 100;
        var updates = sagas.Select(s => _store.UpdateAsync(s)).ToList();
        var staleUpdate = _store.UpdateAsync(stale);

        await Task.WhenAll(updates);
        Assert.ThrowsAsync(Is.InstanceOf<ConcurrencyException>(), async () => await staleUpdate);
        foreach (var saga in sagas)
            Assert.That((await _store.LoadAsync(saga.CorrelationId))!.Count, Is.EqualTo(saga.Count));
    }

    [Test]
    public async Task Should_keep_the_other_writes_when_one_throws_inside_the_transaction()
    {
        await using (var setup = new SqliteConnection($"Data Source={_path}"))
        {
            await setup.OpenAsync();
            Execute(setup, "PRAGMA journal_mode = WAL; CREATE TABLE probe (n INTEGER NOT NULL)");
        }

        var queue = SqliteWriteQueue.For($"Data Source={_path}");
        // The writer is held inside a first write, so the next three queue up and go into one transaction together.
        using var hold = new ManualResetEventSlim();
        var holding = queue.WriteAsync(c => hold.Wait(TimeSpan.FromSeconds(10)) ? Execute(c, "INSERT INTO probe (n) VALUES (0)") : -1);
        await Task.Delay(100);
        var before = queue.WriteAsync(c => Execute(c, "INSERT INTO probe (n) VALUES (1)"));
        var failing = queue.WriteAsync<int>(c =>
        {
            Execute(c, "INSERT INTO probe (n) VALUES (2)");
            throw new InvalidOperationException("this write fails after its first statement");
        });
        var after = queue.WriteAsync(c => Execute(c, "INSERT INTO probe (n) VALUES (3)"));
        hold.Set();

        Assert.That(await holding, Is.EqualTo(1));
        Assert.ThrowsAsync<InvalidOperationException>(async () => await failing);
        Assert.That(await before + await after, Is.EqualTo(2));
        await using var reader = new SqliteConnection($"Data Source={_path}");
        await reader.OpenAsync();
        await using var command = reader.CreateCommand();
        command.CommandText = "SELECT group_concat(n, ',') FROM (SELECT n FROM probe ORDER BY n)";
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("0,1,3"), "the failed write's own statement is rolled back, the others' are committed");
    }

    private static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
