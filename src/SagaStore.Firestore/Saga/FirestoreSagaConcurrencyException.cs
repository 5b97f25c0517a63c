using MassTransit;

namespace AiProd.SagaStore.Firestore.Saga;

/// <summary>
/// Another consumer wrote the saga first (a create found it there, or the stored document changed since it was
/// loaded). A <see cref="ConcurrencyException"/>, so <c>UseMessageRetry</c> runs the message again on fresh state.
/// </summary>
public sealed class FirestoreSagaConcurrencyException : ConcurrencyException
{
    public FirestoreSagaConcurrencyException()
    {
    }

    public FirestoreSagaConcurrencyException(string message, Type sagaType, Guid correlationId)
        : base(message, sagaType, correlationId)
    {
    }

    public FirestoreSagaConcurrencyException(string message, Type sagaType, Guid correlationId, Exception innerException)
        : base(message, sagaType, correlationId, innerException)
    {
    }
}
