using MassTransit;

namespace AiProd.SagaStore.Sqlite;

/// <summary>
/// The row changed (or appeared, or vanished) since it was read. A <see cref="ConcurrencyException"/>, so
/// <c>UseMessageRetry</c> runs the message again against the fresh row.
/// </summary>
public sealed class SqliteSagaConcurrencyException : ConcurrencyException
{
    public SqliteSagaConcurrencyException()
    {
    }

    public SqliteSagaConcurrencyException(string message, Type sagaType, Guid correlationId)
        : base(message, sagaType, correlationId)
    {
    }

    public SqliteSagaConcurrencyException(string message, Type sagaType, Guid correlationId, Exception innerException)
        : base(message, sagaType, correlationId, innerException)
    {
    }
}
