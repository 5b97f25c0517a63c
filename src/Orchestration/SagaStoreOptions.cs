using System.ComponentModel.DataAnnotations;

namespace AiProd.Orchestration;

/// <summary>Where saga state is kept (section <c>Saga</c>).</summary>
public sealed class SagaStoreOptions
{
    public const string Section = "Saga";

    /// <summary>
    /// "Sqlite" (default): state is kept in the file named by <see cref="ConnectionString"/> and survives restarts.
    /// "Firestore": one typed document per video in the collection of section <c>Firestore</c> (the emulator from
    /// <c>FIRESTORE_EMULATOR_HOST</c>, otherwise real GCP through Application Default Credentials).
    /// "InMemory": state lives as long as the process.
    /// </summary>
    [Required]
    public string Store { get; set; } = "Sqlite";

    /// <summary>The SQLite database when <see cref="Store"/> is "Sqlite"; its folder is created if missing.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/aiprod.db";

    public bool IsSqlite => string.Equals(Store, "Sqlite", StringComparison.OrdinalIgnoreCase);

    public bool IsFirestore => string.Equals(Store, "Firestore", StringComparison.OrdinalIgnoreCase);

    public bool IsInMemory => string.Equals(Store, "InMemory", StringComparison.OrdinalIgnoreCase);
}
