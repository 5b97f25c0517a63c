namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga to its own endpoint with a delay of <c>Pipeline:StepDeadline</c> on entering its first working
/// stage; consumed by the saga. Later stages and progress move the due time without sending another: one that arrives
/// before it sends itself again, with a new <see cref="Token"/>, for the rest. One whose token is the one the saga armed
/// last (whatever stage it names), or without a token for the stage and attempt it names (published by hand), sends the
/// current stage's commands again, up to a bound, and then fails the video with <c>step_timed_out</c>; any other is
/// stale and ignored.
/// </summary>
public sealed record StepDeadlinePassed(Guid VideoId, int Attempt, string Stage) : IVideoMessage
{
    /// <summary>The token of the deadline the saga armed; a later one replaces it.</summary>
    public Guid? Token { get; init; }
}
