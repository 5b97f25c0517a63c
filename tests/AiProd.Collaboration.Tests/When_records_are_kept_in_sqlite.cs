using AiProd.Collaboration.Audit;
using AiProd.Collaboration.Records;
using Microsoft.Data.Sqlite;

namespace AiProd.Collaboration.Tests;

public class When_records_are_kept_in_sqlite : RecordStoreConformance
{
    private string? _path;

    /// <summary>Every store of one test is a table of the same file (the base class's set-up runs before this class's).</summary>
    protected override IRecordStore<T> CreateStore<T>(string name, bool appendOnly = false) =>
        new SqliteRecordStore<T>($"Data Source={_path ??= Path.Combine(Path.GetTempPath(), $"aiprod-records-{Guid.NewGuid():N}.db")}", name, appendOnly);

    [TearDown]
    public void DeleteFile()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path!, _path + "-wal", _path + "-shm" })
            File.Delete(file);
        _path = null;
    }

    [Test]
    public async Task Should_refuse_even_a_hand_written_update_or_delete_of_the_audit_table()
    {
        await Audit.CreateAsync(new AuditEntry("au_00000000000000aa", DateTimeOffset.UtcNow, "team-a", AuditActions.KeyRevoked, null, null, "ak_1", null));
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE audit_log SET body = '{}'", "DELETE FROM audit_log" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Assert.That(async () => await command.ExecuteNonQueryAsync(), Throws.TypeOf<SqliteException>().With.Message.Contains("append-only"), sql);
        }

        Assert.That(await Audit.ListAsync(null, 10), Has.Count.EqualTo(1));
    }
}
