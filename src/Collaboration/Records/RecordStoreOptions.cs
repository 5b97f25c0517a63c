using Microsoft.Extensions.Configuration;

namespace AiProd.Collaboration.Records;

/// <summary>
/// Where comments and the audit trail are kept (section <c>Collaboration</c>). Unset, they follow the saga store: the
/// same SQLite file (<c>Saga:ConnectionString</c>), collections beside the videos on Firestore (section
/// <c>Firestore</c>), or memory.
/// </summary>
public sealed class RecordStoreOptions
{
    public const string Section = "Collaboration";

    /// <summary>The gateway's own default for <c>Saga:ConnectionString</c>.</summary>
    public const string DefaultConnectionString = "Data Source=data/aiprod.db";

    /// <summary>"Sqlite", "Firestore" or "InMemory"; defaults to <c>Saga:Store</c>, else Sqlite.</summary>
    public string Store { get; set; } = "Sqlite";

    /// <summary>The SQLite database (tables <c>comments</c> and <c>audit_log</c>); defaults to <c>Saga:ConnectionString</c>.</summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>The Firestore collection of the comments.</summary>
    public string CommentsCollection { get; set; } = "comments";

    /// <summary>The Firestore collection of the audit trail.</summary>
    public string AuditCollection { get; set; } = "auditLog";

    public bool IsSqlite => string.Equals(Store, "Sqlite", StringComparison.OrdinalIgnoreCase);

    public bool IsFirestore => string.Equals(Store, "Firestore", StringComparison.OrdinalIgnoreCase);

    public bool IsInMemory => string.Equals(Store, "InMemory", StringComparison.OrdinalIgnoreCase);

    public static RecordStoreOptions From(IConfiguration configuration)
    {
        var options = new RecordStoreOptions
        {
            Store = configuration["Saga:Store"] ?? "Sqlite",
            ConnectionString = configuration["Saga:ConnectionString"] ?? DefaultConnectionString,
        };
        configuration.GetSection(Section).Bind(options);
        return options;
    }
}
