using MassTransit;

namespace AiProd.SagaStore;

/// <summary>A saga instance serializes to more bytes than the store accepts; retrying does not help.</summary>
public sealed class SagaDocumentTooLargeException : SagaException
{
    public SagaDocumentTooLargeException(Type sagaType, Guid correlationId, long sizeBytes, long maxBytes)
        : base($"Saga {sagaType.Name} {correlationId} serializes to {sizeBytes} bytes, more than the {maxBytes} bytes allowed.",
            sagaType, correlationId)
    {
        SizeBytes = sizeBytes;
        MaxBytes = maxBytes;
    }

    public long SizeBytes { get; }

    public long MaxBytes { get; }
}
