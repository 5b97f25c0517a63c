namespace AiProd.Workers.Common;

/// <summary>
/// An unexpected error of a step, as it leaves the consumer for retry and, when retries are spent, MassTransit's
/// <c>Fault&lt;T&gt;</c>: the message is the original's without server paths (<see cref="UserText"/>), since the saga
/// shows it to the user (<c>worker_fault</c>); the original exception is kept as the inner one for the logs.
/// </summary>
public sealed class StepFaultException(string message, Exception inner) : Exception(message, inner);
