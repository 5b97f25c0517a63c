namespace AiProd.Workers.Common;

/// <summary>
/// A step failure the user should see: it names the stage, a stable code, a message and whether
/// trying again can help. Consumers turn it into a <c>StepFailed</c> event instead of retrying.
/// </summary>
public sealed class StepException(string stage, string code, string message, bool retryable, Exception? inner = null)
    : Exception(message, inner)
{
    public string Stage { get; } = stage;

    public string Code { get; } = code;

    public bool Retryable { get; } = retryable;
}
