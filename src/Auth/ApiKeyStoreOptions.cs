using Microsoft.Extensions.Configuration;

namespace AiProd.Auth;

/// <summary>
/// Where API keys are kept (section <c>Auth:Keys</c>). Unset, they follow the saga store: the same SQLite file
/// (<c>Saga:ConnectionString</c>), or collection <see cref="Collection"/> beside the videos on Firestore (section
/// <c>Firestore</c>), or memory.
/// </summary>
public sealed class ApiKeyStoreOptions
{
    public const string Section = "Auth:Keys";

    /// <summary>The gateway's own default for <c>Saga:ConnectionString</c>: keys and videos share the file.</summary>
    public const string DefaultConnectionString = "Data Source=data/aiprod.db";

    /// <summary>"Sqlite", "Firestore" or "InMemory"; defaults to <c>Saga:Store</c>, else Sqlite.</summary>
    public string Store { get; set; } = "Sqlite";

    /// <summary>The SQLite database (table <c>api_keys</c>); defaults to <c>Saga:ConnectionString</c>.</summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>The Firestore collection of the keys.</summary>
    public string Collection { get; set; } = "apiKeys";

    public bool IsSqlite => string.Equals(Store, "Sqlite", StringComparison.OrdinalIgnoreCase);

    public bool IsFirestore => string.Equals(Store, "Firestore", StringComparison.OrdinalIgnoreCase);

    public bool IsInMemory => string.Equals(Store, "InMemory", StringComparison.OrdinalIgnoreCase);

    /// <summary>The settings as configured, with the saga store's as defaults.</summary>
    public static ApiKeyStoreOptions From(IConfiguration configuration)
    {
        var options = new ApiKeyStoreOptions
        {
            Store = configuration["Saga:Store"] ?? "Sqlite",
            ConnectionString = configuration["Saga:ConnectionString"] ?? DefaultConnectionString,
        };
        configuration.GetSection(Section).Bind(options);
        return options;
    }
}
