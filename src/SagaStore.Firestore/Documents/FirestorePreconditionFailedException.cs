namespace AiProd.SagaStore.Firestore.Documents;

/// <summary>Why a write's precondition failed.</summary>
public enum PreconditionFailure
{
    /// <summary>A create found the document already there.</summary>
    AlreadyExists,

    /// <summary>The document changed (or was deleted) since the update time the write was based on.</summary>
    Changed,
}

/// <summary>A create or a compare-and-swap write lost: someone else wrote the document first.</summary>
public sealed class FirestorePreconditionFailedException(string documentId, PreconditionFailure failure, Exception? inner = null)
    : Exception($"Firestore document '{documentId}': {Describe(failure)}", inner)
{
    public string DocumentId { get; } = documentId;

    public PreconditionFailure Failure { get; } = failure;

    private static string Describe(PreconditionFailure failure) => failure switch
    {
        PreconditionFailure.AlreadyExists => "it already exists.",
        _ => "it changed since it was read.",
    };
}
