using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace AiProd.SagaStore.Sqlite;

/// <summary>
/// Group commit for one SQLite file: every write of this process to it (the saga store's, the record stores') queues
/// here, and one writer at a time takes all that is waiting — up to <see cref="MaxBatch"/> — and runs it in a single
/// transaction, each write inside its own savepoint. A caller is completed only after the commit that holds its write
/// (WAL with <c>synchronous=NORMAL</c>: in the log, so it survives the process dying), so nothing is acknowledged
/// before it is durable; a write that fails (a duplicate key, a version conflict, a trigger) rolls back its own
/// savepoint and fails alone. SQLite lets one writer at a time anyway: many concurrent writers then cost one commit
/// instead of one each, and no longer wait on each other's busy timeouts. Other processes (the CLI) still take turns
/// with it through the file lock.
/// </summary>
public sealed class SqliteWriteQueue
{
    /// <summary>Most writes one transaction takes, so a caller's wait stays bounded under a burst.</summary>
    public const int MaxBatch = 256;

    private static readonly ConcurrentDictionary<string, SqliteWriteQueue> Queues = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly ConcurrentQueue<IPendingWrite> _pending = new();
    private readonly List<IPendingWrite> _batch = new(MaxBatch);
    private int _draining;

    private SqliteWriteQueue(string connectionString) => _connectionString = connectionString;

    /// <summary>
    /// The queue of the file <paramref name="connectionString"/> names (one per file and process, whichever store asks).
    /// The connection string should be the store's own, already normalised (pooling, timeout).
    /// </summary>
    public static SqliteWriteQueue For(string connectionString) =>
        Queues.GetOrAdd(FileKey(connectionString), _ => new SqliteWriteQueue(connectionString));

    /// <summary>
    /// Runs <paramref name="write"/> on the writer's connection inside the next group transaction and returns its result
    /// once that transaction is committed. The write runs synchronously and must not start or end a transaction.
    /// A token cancelled before the write runs cancels it; once it ran, its commit is waited for.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<T>(cancellationToken);
        var pending = new PendingWrite<T>(write, cancellationToken);
        _pending.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
            _ = Task.Run(Drain, CancellationToken.None);
        return pending.Task;
    }

    /// <summary>One writer at a time: batches until nothing is waiting, then lets the next enqueue start it again.</summary>
    private void Drain()
    {
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                while (_batch.Count < MaxBatch && _pending.TryDequeue(out var next))
                {
                    if (!next.IsCancelled)
                        _batch.Add(next);
                }

                if (_batch.Count == 0)
                {
                    Volatile.Write(ref _draining, 0);
                    // Something queued between the last look and the reset would otherwise wait for the next caller.
                    if (_pending.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                        return;
                    continue;
                }

                try
                {
                    connection ??= Open();
                    Commit(connection, _batch);
                }
                catch (Exception ex)
                {
                    foreach (var write in _batch)
                        write.Fail(ex);
                    connection?.Dispose();
                    connection = null;
                }

                _batch.Clear();
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private static void Commit(SqliteConnection connection, List<IPendingWrite> batch)
    {
        // IMMEDIATE: the write lock is taken (or waited for, up to the busy timeout) before any write runs.
        Execute(connection, "BEGIN IMMEDIATE");
        var committed = false;
        try
        {
            foreach (var write in batch)
            {
                Execute(connection, "SAVEPOINT w");
                if (write.Run(connection))
                    Execute(connection, "RELEASE w");
                else
                    Execute(connection, "ROLLBACK TO w; RELEASE w");
            }

            Execute(connection, "COMMIT");
            committed = true;
        }
        finally
        {
            if (!committed && SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
                Execute(connection, "ROLLBACK");
        }

        foreach (var write in batch)
            write.Complete();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // As every connection of the stores: durable across a process crash without an fsync per commit.
            Execute(connection, $"PRAGMA busy_timeout = {connection.DefaultTimeout * 1000L}; PRAGMA synchronous = NORMAL");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string FileKey(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:"
            ? connectionString
            : Path.GetFullPath(builder.DataSource);
    }

    private interface IPendingWrite
    {
        bool IsCancelled { get; }

        /// <summary>Runs the write; false when it threw (its savepoint is rolled back, the caller gets the exception).</summary>
        bool Run(SqliteConnection connection);

        /// <summary>The transaction holding it committed: the caller gets the result (or its own exception).</summary>
        void Complete();

        /// <summary>The transaction failed: the caller gets that failure.</summary>
        void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public bool IsCancelled => cancellationToken.IsCancellationRequested && _done.TrySetCanceled(cancellationToken);

        public bool Run(SqliteConnection connection)
        {
            try
            {
                _result = write(connection);
                return true;
            }
            catch (Exception ex)
            {
                _error = ex;
                return false;
            }
        }

        public void Complete()
        {
            if (_error is null)
                _done.TrySetResult(_result!);
            else
                _done.TrySetException(_error);
        }

        public void Fail(Exception exception) => _done.TrySetException(_error ?? exception);
    }
}
