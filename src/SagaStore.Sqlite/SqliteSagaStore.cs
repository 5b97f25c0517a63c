using System.Globalization;
using System.Text.Json;
using AiProd.SagaStore;
using MassTransit;
using Microsoft.Data.Sqlite;

namespace AiProd.SagaStore.Sqlite;

/// <summary>
/// One table per saga type: <c>correlation_id</c> (key), <c>current_state</c>, <c>owner</c>, <c>version</c>,
/// <c>created_at</c>, <c>updated_at</c> (UTC ticks), <c>data</c> (the instance as JSON) and <c>summary</c> (what
/// <see cref="SqliteSagaRepositoryOptions{TSaga}.Summary"/> makes of it, for lists). Reads are one autocommit statement on
/// a pooled connection; writes go through the file's <see cref="SqliteWriteQueue"/>, so many concurrent writers share
/// one commit and each returns only once its write is committed. WAL lets readers run beside the writer and the busy
/// timeout makes another process's writer wait its turn instead of failing.
/// </summary>
public sealed class SqliteSagaStore<TSaga>(SqliteSagaRepositoryOptions<TSaga> options) : ISagaDocumentStore<TSaga>
    where TSaga : class, ISagaVersion
{
    private const string Columns = "correlation_id, version, created_at, data";

    private readonly string _connectionString = BuildConnectionString(options);
    private readonly SqliteWriteQueue _writes = SqliteWriteQueue.For(BuildConnectionString(options));
    private readonly string _table = $"\"{options.TableName}\"";
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _propertyIndexes = new(StringComparer.Ordinal);
    private volatile bool _schemaReady;

    public SqliteSagaRepositoryOptions<TSaga> Options { get; } = options;

    public async Task InsertAsync(TSaga instance, CancellationToken cancellationToken = default)
    {
        var row = RowOf(instance);
        await EnsureReadyAsync(cancellationToken);
        var inserted = await _writes.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO {_table} (correlation_id, current_state, owner, version, created_at, updated_at, data, summary)
                VALUES ($id, $state, $owner, $version, $now, $now, $data, $summary)
                ON CONFLICT (correlation_id) DO NOTHING
                """;
            row.Bind(command);
            return command.ExecuteNonQuery();
        }, cancellationToken);
        if (inserted == 0)
            throw new SqliteSagaConcurrencyException("Saga already exists", typeof(TSaga), instance.CorrelationId);
    }

    public async Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {_table} WHERE correlation_id = $id";
        command.Parameters.AddWithValue("$id", Key(correlationId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader).Instance : null;
    }

    public async Task UpdateAsync(TSaga instance, CancellationToken cancellationToken = default)
    {
        var expected = instance.Version;
        instance.Version = expected + 1;
        try
        {
            var row = RowOf(instance);
            await EnsureReadyAsync(cancellationToken);
            var updated = await _writes.WriteAsync(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    UPDATE {_table} SET current_state = $state, owner = $owner, version = $version, updated_at = $now, data = $data, summary = $summary
                    WHERE correlation_id = $id AND version = $expected
                    """;
                row.Bind(command);
                command.Parameters.AddWithValue("$expected", expected);
                return command.ExecuteNonQuery();
            }, cancellationToken);
            if (updated == 0)
                throw new SqliteSagaConcurrencyException($"Saga version conflict: expected version {expected}", typeof(TSaga), instance.CorrelationId);
        }
        catch
        {
            instance.Version = expected;
            throw;
        }
    }

    public async Task DeleteAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken);
        await _writes.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {_table} WHERE correlation_id = $id";
            command.Parameters.AddWithValue("$id", Key(correlationId));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<TSaga>> FindAsync(Func<TSaga, bool> predicate, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {_table}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<TSaga>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var instance = Read(reader).Instance;
            if (predicate(instance))
                found.Add(instance);
        }

        return found;
    }

    public async Task<IReadOnlyList<TSaga>> FindAtMostAsync(string property, long atMost, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (name, expression) = PropertyExpression(property);
        await using var connection = await OpenAsync(cancellationToken);
        await EnsureIndexAsync(connection, name, expression, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = FindAtMostSql(property);
        command.Parameters.AddWithValue("$atMost", atMost);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<TSaga>();
        while (await reader.ReadAsync(cancellationToken))
            found.Add(Read(reader).Instance);
        return found;
    }

    /// <summary>An open connection to a database whose table exists; the caller disposes it (back to the pool).</summary>
    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // synchronous=NORMAL in WAL: a commit is in the WAL before it returns, so it survives the process dying at any
            // point (kill -9, OOM, eviction); only an OS crash or power loss can lose the last commits. It saves an fsync
            // per statement (about 5 ms each on this kind of disk, which capped every write at some 200 a second).
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {(long)Options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL", cancellationToken);
            if (!_schemaReady)
                await EnsureSchemaAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal string Table => _table;

    /// <summary>The row's values, taken from the instance before its write is queued (the writer runs it later, elsewhere).</summary>
    private Row RowOf(TSaga instance) => new(
        Key(instance.CorrelationId), Options.CurrentState?.Invoke(instance), Options.Owner?.Invoke(instance), instance.Version,
        Options.Clock.GetUtcNow().UtcTicks, Serialize(instance), Options.Summary?.Invoke(instance));

    /// <summary>Makes the table (once) before a write goes to the queue, whose connection knows nothing of schemas.</summary>
    private async ValueTask EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
            await (await OpenAsync(cancellationToken)).DisposeAsync();
    }

    /// <summary>Reads a row selected with <see cref="Columns"/>; the stored version is authoritative.</summary>
    internal (TSaga Instance, long CreatedAt) Read(SqliteDataReader reader)
    {
        var instance = Deserialize(reader.GetString(3), reader.GetString(0));
        instance.Version = reader.GetInt32(1);
        return (instance, reader.GetInt64(2));
    }

    internal TSaga Deserialize(string data, object id) =>
        JsonSerializer.Deserialize<TSaga>(data, Options.SerializerOptions)
        ?? throw new InvalidOperationException($"Row {id} of {_table} holds no {typeof(TSaga).Name}.");

    internal static string SelectColumns => Columns;

    internal static string Key(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private string Serialize(TSaga instance)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(instance, Options.SerializerOptions);
        if (bytes.Length > Options.MaxDocumentBytes)
            throw new SagaDocumentTooLargeException(typeof(TSaga), instance.CorrelationId, bytes.Length, Options.MaxDocumentBytes);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
                return;
            var index = Options.TableName;
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
            await ExecuteAsync(connection, $"""
                CREATE TABLE IF NOT EXISTS {_table} (
                    correlation_id TEXT NOT NULL PRIMARY KEY,
                    current_state TEXT NULL,
                    owner TEXT NULL,
                    version INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    data TEXT NOT NULL,
                    summary TEXT NULL);
                CREATE INDEX IF NOT EXISTS "ix_{index}_created" ON {_table} (created_at DESC, correlation_id DESC);
                CREATE INDEX IF NOT EXISTS "ix_{index}_state_created" ON {_table} (current_state, created_at DESC, correlation_id DESC);
                """, cancellationToken);
            // Tables made before the owner and summary columns: add them (their rows have neither until rewritten).
            await AddColumnAsync(connection, "owner", cancellationToken);
            await AddColumnAsync(connection, "summary", cancellationToken);
            await ExecuteAsync(connection, $"""
                CREATE INDEX IF NOT EXISTS "ix_{index}_owner_created" ON {_table} (owner, created_at DESC, correlation_id DESC)
                """, cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private async Task AddColumnAsync(SqliteConnection connection, string column, CancellationToken cancellationToken)
    {
        if (await HasColumnAsync(connection, column, cancellationToken))
            return;
        try
        {
            await ExecuteAsync(connection, $"ALTER TABLE {_table} ADD COLUMN {column} TEXT NULL", cancellationToken);
        }
        catch (SqliteException)
        {
            // Another process may have added it first; anything else is a real failure.
            if (!await HasColumnAsync(connection, column, cancellationToken))
                throw;
        }
    }

    /// <summary>
    /// The query of <see cref="FindAtMostAsync"/>. The path is a literal (a checked property name), so the expression
    /// matches the partial index's, and the query reads only the rows that have the property, in its order: never every
    /// document.
    /// </summary>
    internal string FindAtMostSql(string property) =>
        $"SELECT {Columns} FROM {_table} WHERE {PropertyExpression(property).Expression} <= $atMost ORDER BY {PropertyExpression(property).Expression} LIMIT $limit";

    private (string Name, string Expression) PropertyExpression(string property)
    {
        var name = Options.SerializerOptions.PropertyNamingPolicy?.ConvertName(property) ?? property;
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"'{property}' is not a property name this store can index.", nameof(property));
        return (name, $"json_extract(data, '$.{name}')");
    }

    /// <summary>
    /// A partial index on one property of the JSON document, holding only the rows where it is set (a pending outbox,
    /// a step deadline); made the first time the property is queried.
    /// </summary>
    private async Task EnsureIndexAsync(SqliteConnection connection, string name, string expression, CancellationToken cancellationToken)
    {
        if (_propertyIndexes.ContainsKey(name))
            return;
        await ExecuteAsync(connection, $"""
            CREATE INDEX IF NOT EXISTS "ix_{Options.TableName}_{name}" ON {_table} ({expression}) WHERE {expression} IS NOT NULL
            """, cancellationToken);
        _propertyIndexes[name] = true;
    }

    /// <summary>SQLite's plan for <paramref name="sql"/> (EXPLAIN QUERY PLAN), one line a step: how the tests check that no query scans the table.</summary>
    internal async Task<IReadOnlyList<string>> QueryPlanAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (key, value) in parameters)
            command.Parameters.AddWithValue(key, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var plan = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            plan.Add(reader.GetString(3));
        return plan;
    }

    private async Task<bool> HasColumnAsync(SqliteConnection connection, string column, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{Options.TableName}') WHERE name = $column";
        command.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string BuildConnectionString(SqliteSagaRepositoryOptions<TSaga> options)
    {
        options.Validate();
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        var directory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:"
            ? null
            : Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        return builder.ToString();
    }

    /// <summary>What an insert or an update writes: <c>$id</c>, <c>$state</c>, <c>$owner</c>, <c>$version</c>, <c>$now</c>, <c>$data</c>, <c>$summary</c>.</summary>
    private sealed record Row(string Id, string? State, string? Owner, int Version, long Now, string Data, string? Summary)
    {
        public void Bind(SqliteCommand command)
        {
            command.Parameters.AddWithValue("$id", Id);
            command.Parameters.AddWithValue("$state", (object?)State ?? DBNull.Value);
            command.Parameters.AddWithValue("$owner", (object?)Owner ?? DBNull.Value);
            command.Parameters.AddWithValue("$version", Version);
            command.Parameters.AddWithValue("$now", Now);
            command.Parameters.AddWithValue("$data", Data);
            command.Parameters.AddWithValue("$summary", (object?)Summary ?? DBNull.Value);
        }
    }
}
