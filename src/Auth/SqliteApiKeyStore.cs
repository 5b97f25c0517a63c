using Microsoft.Data.Sqlite;

namespace AiProd.Auth;

/// <summary>
/// API keys in table <c>api_keys</c> of a SQLite file (by default the saga's own file): id, name, owner, scopes
/// (space-separated), the secret's SHA-256, created and revoked times (UTC ticks). Triggers on that table bump the one
/// row of <c>api_keys_stamp</c> in the same transaction as any insert, update or delete, from whichever process (the
/// CLI, another gateway, a hand-written statement): <see cref="ChangeStampAsync"/> reads it on a connection kept open.
/// </summary>
public sealed class SqliteApiKeyStore : IApiKeyStore, IDisposable
{
    private const string Columns = "id, name, owner, scopes, secret_sha256, created_at, revoked_at";
    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly Lock _stampGate = new();
    private volatile bool _schemaReady;
    private SqliteConnection? _stampConnection;
    private SqliteCommand? _stampQuery;

    public SqliteApiKeyStore(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:")
            && Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
        _connectionString = builder.ToString();
    }

    public async Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO api_keys ({Columns}) VALUES ($id, $name, $owner, $scopes, $hash, $created, NULL) ON CONFLICT (id) DO NOTHING";
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$name", key.Name);
        command.Parameters.AddWithValue("$owner", key.Owner);
        command.Parameters.AddWithValue("$scopes", string.Join(' ', key.Scopes));
        command.Parameters.AddWithValue("$hash", key.SecretSha256);
        command.Parameters.AddWithValue("$created", key.CreatedAt.UtcTicks);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            throw new InvalidOperationException($"An API key with id {key.Id} exists already.");
    }

    public async Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY created_at, id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(Read(reader));
        return keys;
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $at) WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async ValueTask<long?> ChangeStampAsync(CancellationToken cancellationToken = default)
    {
        if (!_schemaReady)
            await (await OpenAsync(cancellationToken)).DisposeAsync();
        lock (_stampGate)
        {
            try
            {
                if (_stampQuery is null)
                {
                    _stampConnection = new SqliteConnection(_connectionString);
                    _stampConnection.Open();
                    _stampQuery = _stampConnection.CreateCommand();
                    _stampQuery.CommandText = "SELECT stamp FROM api_keys_stamp WHERE id = 1";
                    _stampQuery.Prepare();
                }

                // One indexed row on a connection kept open: microseconds, and an autocommit read sees every commit so far.
                return Convert.ToInt64(_stampQuery.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch
            {
                DisposeStamp();
                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (_stampGate)
            DisposeStamp();
    }

    private void DisposeStamp()
    {
        _stampQuery?.Dispose();
        _stampConnection?.Dispose();
        _stampQuery = null;
        _stampConnection = null;
    }

    private static ApiKey Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        reader.GetString(4),
        new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
        reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero));

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
                    await ExecuteAsync(connection, """
                        CREATE TABLE IF NOT EXISTS api_keys (
                            id TEXT NOT NULL PRIMARY KEY,
                            name TEXT NOT NULL,
                            owner TEXT NOT NULL,
                            scopes TEXT NOT NULL,
                            secret_sha256 TEXT NOT NULL,
                            created_at INTEGER NOT NULL,
                            revoked_at INTEGER NULL);
                        CREATE TABLE IF NOT EXISTS api_keys_stamp (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), stamp INTEGER NOT NULL);
                        INSERT OR IGNORE INTO api_keys_stamp (id, stamp) VALUES (1, 0);
                        CREATE TRIGGER IF NOT EXISTS api_keys_inserted AFTER INSERT ON api_keys BEGIN UPDATE api_keys_stamp SET stamp = stamp + 1 WHERE id = 1; END;
                        CREATE TRIGGER IF NOT EXISTS api_keys_updated AFTER UPDATE ON api_keys BEGIN UPDATE api_keys_stamp SET stamp = stamp + 1 WHERE id = 1; END;
                        CREATE TRIGGER IF NOT EXISTS api_keys_deleted AFTER DELETE ON api_keys BEGIN UPDATE api_keys_stamp SET stamp = stamp + 1 WHERE id = 1; END;
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
