using System.Text.Json;
using AiProd.SagaStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace AiProd.Collaboration.Records;

/// <summary>
/// Records as rows of one SQLite table: <c>id</c>, <c>partition</c>, <c>at</c> (UTC ticks, indexed with the partition)
/// and <c>body</c> (the record as JSON). An append-only table has triggers that abort any UPDATE or DELETE, so not even
/// a hand-written statement edits it. Writes go through the file's <see cref="SqliteWriteQueue"/> (group commit, shared
/// with the saga store on the same file): each returns once committed.
/// </summary>
public sealed class SqliteRecordStore<T> : IRecordStore<T>
    where T : class, IStoredRecord
{
    private readonly string _connectionString;
    private readonly string _table;
    private readonly bool _appendOnly;
    private readonly SqliteWriteQueue _writes;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public SqliteRecordStore(string connectionString, string table, bool appendOnly = false)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(table, "^[a-z_]{1,40}$"))
            throw new ArgumentException("A table name is lower-case letters and '_'.", nameof(table));
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:")
            && Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
        _connectionString = builder.ToString();
        _writes = SqliteWriteQueue.For(_connectionString);
        _table = table;
        _appendOnly = appendOnly;
    }

    public async Task CreateAsync(T record, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(record, RecordJson.Options);
        await EnsureReadyAsync(cancellationToken);
        var inserted = await _writes.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {_table} (id, partition, at, body) VALUES ($id, $partition, $at, $body) ON CONFLICT (id) DO NOTHING";
            Bind(command, record, body);
            return command.ExecuteNonQuery();
        }, cancellationToken);
        if (inserted == 0)
            throw new InvalidOperationException($"A record with id {record.Id} exists already.");
    }

    public async Task<T?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT body FROM {_table} WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? Read(body) : null;
    }

    public async Task<bool> ReplaceAsync(T record, CancellationToken cancellationToken = default)
    {
        if (_appendOnly)
            throw new InvalidOperationException("This store is append-only.");
        var body = JsonSerializer.Serialize(record, RecordJson.Options);
        await EnsureReadyAsync(cancellationToken);
        return await _writes.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE {_table} SET partition = $partition, at = $at, body = $body WHERE id = $id";
            Bind(command, record, body);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<T>> ListAsync(string? partition, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT body FROM {_table} {(partition is null ? "" : "WHERE partition = $partition")} ORDER BY at DESC, id DESC LIMIT $limit";
        if (partition is not null)
            command.Parameters.AddWithValue("$partition", partition);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            records.Add(Read(reader.GetString(0)));
        return records;
    }

    private static void Bind(SqliteCommand command, T record, string body)
    {
        command.Parameters.AddWithValue("$id", record.Id);
        command.Parameters.AddWithValue("$partition", record.Partition);
        command.Parameters.AddWithValue("$at", record.At.UtcTicks);
        command.Parameters.AddWithValue("$body", body);
    }

    /// <summary>Makes the table (once) before a write goes to the file's queue, whose connection knows nothing of schemas.</summary>
    private async ValueTask EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
            await (await OpenAsync(cancellationToken)).DisposeAsync();
    }

    private static T Read(string body) =>
        JsonSerializer.Deserialize<T>(body, RecordJson.Options) ?? throw new InvalidOperationException("An empty record is stored.");

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // As the saga store: durable across a process crash without an fsync per commit (see SqliteSagaStore).
            await ExecuteAsync(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL", cancellationToken);
            if (!_schemaReady)
            {
                await _schemaGate.WaitAsync(cancellationToken);
                try
                {
                    await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
                    await ExecuteAsync(connection, $"""
                        CREATE TABLE IF NOT EXISTS {_table} (
                            id TEXT NOT NULL PRIMARY KEY,
                            partition TEXT NOT NULL,
                            at INTEGER NOT NULL,
                            body TEXT NOT NULL);
                        CREATE INDEX IF NOT EXISTS {_table}_by_partition ON {_table} (partition, at);
                        CREATE INDEX IF NOT EXISTS {_table}_by_time ON {_table} (at);
                        """, cancellationToken);
                    if (_appendOnly)
                        await ExecuteAsync(connection, $"""
                            CREATE TRIGGER IF NOT EXISTS {_table}_no_update BEFORE UPDATE ON {_table} BEGIN SELECT RAISE(ABORT, '{_table} is append-only'); END;
                            CREATE TRIGGER IF NOT EXISTS {_table}_no_delete BEFORE DELETE ON {_table} BEGIN SELECT RAISE(ABORT, '{_table} is append-only'); END;
                            """, cancellationToken);
                    _schemaReady = true;
                }
                finally
                {
                    _schemaGate.Release();
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
