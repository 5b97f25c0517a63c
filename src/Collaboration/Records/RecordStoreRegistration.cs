using AiProd.Collaboration.Audit;
using AiProd.Collaboration.Comments;
using AiProd.SagaStore.Firestore;
using AiProd.SagaStore.Firestore.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Collaboration.Records;

public static class RecordStoreRegistration
{
    /// <summary>
    /// The comment store and the audit trail as <see cref="RecordStoreOptions"/> say, with <see cref="VideoComments"/> and
    /// <see cref="AuditLog"/> on them. A store that cannot work is refused here, naming the setting.
    /// </summary>
    public static IServiceCollection AddCollaborationStores(this IServiceCollection services, IConfiguration configuration)
    {
        var options = RecordStoreOptions.From(configuration);
        services.TryAddSingleton(Store<Comment>(options, configuration, "comments", options.CommentsCollection, appendOnly: false));
        services.TryAddSingleton(Store<AuditEntry>(options, configuration, "audit_log", options.AuditCollection, appendOnly: true));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VideoComments>();
        services.TryAddSingleton<AuditLog>();
        return services;
    }

    /// <summary>
    /// One more kind of record on the same store as the comments (a <paramref name="table"/> of the SQLite file, a
    /// Firestore <paramref name="collection"/>, or memory), for a service that keeps records of its own (webhooks).
    /// </summary>
    public static IServiceCollection AddRecordStore<T>(this IServiceCollection services, IConfiguration configuration, string table, string collection)
        where T : class, IStoredRecord
    {
        services.TryAddSingleton(Store<T>(RecordStoreOptions.From(configuration), configuration, table, collection, appendOnly: false));
        return services;
    }

    private static IRecordStore<T> Store<T>(RecordStoreOptions options, IConfiguration configuration, string table, string collection, bool appendOnly)
        where T : class, IStoredRecord
    {
        if (options.IsSqlite)
            return new SqliteRecordStore<T>(options.ConnectionString, table, appendOnly);
        if (options.IsInMemory)
            return new InMemoryRecordStore<T>(appendOnly);
        if (!options.IsFirestore)
            throw new InvalidOperationException($"Collaboration:Store (or Saga:Store) '{options.Store}' must be 'Sqlite', 'Firestore' or 'InMemory'.");
        var firestore = configuration.GetSection(FirestoreOptions.Section).Get<FirestoreOptions>() ?? new FirestoreOptions();
        firestore.Collection = collection;
        if (firestore.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException($"{table} on Firestore: {string.Join(" ", problems)}");
        return new FirestoreRecordStore<T>(new FirestoreDocuments(firestore), appendOnly);
    }
}
