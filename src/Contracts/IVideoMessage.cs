namespace AiProd.Contracts;

/// <summary>
/// Every pipeline command and step event: the video it belongs to (the saga's CorrelationId) and the
/// attempt of the step it is for. Workers are idempotent on (VideoId, step, Attempt); the saga ignores
/// events whose attempt is not the one it is waiting for.
/// </summary>
public interface IVideoMessage
{
    Guid VideoId { get; }

    int Attempt { get; }
}
