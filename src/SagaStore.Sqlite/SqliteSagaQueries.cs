using System.Buffers.Text;
using System.Globalization;
using System.Text;
using AiProd.SagaStore;
using MassTransit;
using Microsoft.Data.Sqlite;

namespace AiProd.SagaStore.Sqlite;

/// <summary>
/// Gateway reads on a <see cref="SqliteSagaStore{TSaga}"/>: by id, and keyset pages newest first. The page token is
/// the last item's (created_at, id), base64url-encoded, so a page stays correct while new sagas arrive.
/// </summary>
public sealed class SqliteSagaQueries<TSaga>(SqliteSagaStore<TSaga> store) : ISagaQueries<TSaga>
    where TSaga : class, ISagaVersion
{
    public const int MaxPageSize = 500;

    public Task<TSaga?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default) =>
        store.LoadAsync(correlationId, cancellationToken);

    public async Task<SagaPage<TSaga>> ListAsync(SagaListFilter filter, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        var rows = new List<(TSaga Instance, long CreatedAt)>();
        await ReadPageAsync(filter, pageSize, pageToken, SqliteSagaStore<TSaga>.SelectColumns, reader => rows.Add(store.Read(reader)), cancellationToken);
        return Page(rows, pageSize, r => r.Instance, r => (r.CreatedAt, r.Instance.CorrelationId));
    }

    public async Task<SagaPage<SagaSummary>> ListSummariesAsync(SagaListFilter filter, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        var summarize = store.Options.Summary
            ?? throw new InvalidOperationException($"The SQLite store of {typeof(TSaga).Name} keeps no summaries: set its Summary option.");
        var rows = new List<(SagaSummary Summary, long CreatedAt)>();
        // The document is read only for a row written before summaries were kept.
        await ReadPageAsync(filter, pageSize, pageToken, "correlation_id, created_at, summary, CASE WHEN summary IS NULL THEN data END", reader =>
        {
            var id = Guid.ParseExact(reader.GetString(0), "D");
            var json = reader.IsDBNull(2) ? summarize(store.Deserialize(reader.GetString(3), id)) : reader.GetString(2);
            rows.Add((new SagaSummary(id, json), reader.GetInt64(1)));
        }, cancellationToken);
        return Page(rows, pageSize, r => r.Summary, r => (r.CreatedAt, r.Summary.Id));
    }

    private async Task ReadPageAsync(SagaListFilter filter, int pageSize, string? pageToken, string columns, Action<SqliteDataReader> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var after = pageToken is null ? ((long, string)?)null : DecodeToken(pageToken);

        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filters = new List<string>();
        if (filter.State is not null)
        {
            filters.Add("current_state = $state");
            command.Parameters.AddWithValue("$state", filter.State);
        }

        if (filter.Owner is not null)
        {
            filters.Add("owner = $owner");
            command.Parameters.AddWithValue("$owner", filter.Owner);
        }

        if (after is var (createdAt, id))
        {
            filters.Add("(created_at < $createdAt OR (created_at = $createdAt AND correlation_id < $id))");
            command.Parameters.AddWithValue("$createdAt", createdAt);
            command.Parameters.AddWithValue("$id", id);
        }

        var where = filters.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", filters);
        command.CommandText = $"""
            SELECT {columns} FROM {store.Table} {where}
            ORDER BY created_at DESC, correlation_id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            read(reader);
    }

    private static SagaPage<T> Page<TRow, T>(List<TRow> rows, int pageSize, Func<TRow, T> item, Func<TRow, (long CreatedAt, Guid Id)> key)
    {
        if (rows.Count <= pageSize)
            return new SagaPage<T>(rows.Select(item).ToList(), null);
        var (createdAt, id) = key(rows[pageSize - 1]);
        return new SagaPage<T>(rows.Take(pageSize).Select(item).ToList(), EncodeToken(createdAt, id));
    }

    private static string EncodeToken(long createdAt, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{createdAt}:{SqliteSagaStore<TSaga>.Key(id)}")));

    private static (long CreatedAt, string Id) DecodeToken(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt)
                && Guid.TryParseExact(parts[1], "D", out var id))
                return (createdAt, SqliteSagaStore<TSaga>.Key(id));
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException("The page token is not one this store issued.", nameof(token));
    }
}
