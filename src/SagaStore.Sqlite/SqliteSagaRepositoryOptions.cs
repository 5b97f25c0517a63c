using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;

namespace AiProd.SagaStore.Sqlite;

/// <summary>Settings of one saga type's SQLite table, set through <c>.SqliteRepository(r => …)</c>.</summary>
public sealed partial class SqliteSagaRepositoryOptions<TSaga>
    where TSaga : class, ISagaVersion
{
    /// <summary>Default ceiling of one serialized instance: 1 MiB, the same order as a Firestore document.</summary>
    public const int DefaultMaxDocumentBytes = 1024 * 1024;

    /// <summary>ADO.NET connection string, for example <c>Data Source=data/aiprod.db</c>. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Table holding this saga type; a plain identifier. Defaults to the saga type's name in snake case.</summary>
    public string TableName { get; set; } = DefaultTableName();

    /// <summary>Reads the state name kept in the <c>current_state</c> column (used by list filters); null stores NULL.</summary>
    public Func<TSaga, string?>? CurrentState { get; set; }

    /// <summary>Reads the owner kept in the <c>owner</c> column (lists can be filtered by it); null stores NULL.</summary>
    public Func<TSaga, string?>? Owner { get; set; }

    /// <summary>
    /// Makes the small JSON kept in the <c>summary</c> column on every write, which
    /// <see cref="SqliteSagaQueries{TSaga}.ListSummariesAsync"/> reads instead of whole documents; null keeps none.
    /// </summary>
    public Func<TSaga, string>? Summary { get; set; }

    /// <summary>An instance whose JSON is larger than this many UTF-8 bytes is refused.</summary>
    public int MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    /// <summary>How long a statement waits for the database lock held by another writer before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// False (default): a finished saga keeps its row as history, in its final state.
    /// True: MassTransit's delete of a completed saga removes the row.
    /// </summary>
    public bool DeleteCompleted { get; set; }

    /// <summary>Serializer settings of the <c>data</c> column.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = JsonSerializerOptions.Default;

    /// <summary>Clock for <c>created_at</c> / <c>updated_at</c>; tests may replace it.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every problem with these settings; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            yield return "ConnectionString must be specified";
        if (string.IsNullOrWhiteSpace(TableName) || !Identifier().IsMatch(TableName))
            yield return $"TableName '{TableName}' must be a plain identifier (letters, digits, underscore)";
        if (MaxDocumentBytes <= 0)
            yield return "MaxDocumentBytes must be positive";
        if (BusyTimeout < TimeSpan.Zero)
            yield return "BusyTimeout must not be negative";
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem.</summary>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
            throw new ArgumentException($"The SQLite saga repository of {typeof(TSaga).Name} is misconfigured: {string.Join("; ", problems)}.");
    }

    private static string DefaultTableName() =>
        SnakeCase().Replace(typeof(TSaga).Name, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex Identifier();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakeCase();
}
