namespace AiProd.SagaStore.Firestore.Documents;

/// <summary>A document over Firestore's 1 MiB limit, refused before it is sent.</summary>
public sealed class FirestoreDocumentTooLargeException(string documentId, long sizeBytes, long limitBytes)
    : Exception($"Firestore document '{documentId}' is {sizeBytes:N0} bytes, over the {limitBytes:N0}-byte limit; it was not written.")
{
    public string DocumentId { get; } = documentId;

    public long SizeBytes { get; } = sizeBytes;

    public long LimitBytes { get; } = limitBytes;
}
