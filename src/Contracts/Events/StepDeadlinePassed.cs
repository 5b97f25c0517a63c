namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga to its own endpoint with a delay of <c>Pipeline:StepDeadline</c> on entering a working stage, and
/// again on every sign of progress; consumed by the saga. If the video is still in that stage and attempt and
/// <see cref="Token"/> is the one the saga armed last (or absent: a deadline published by hand), it sends the stage's
/// commands again, up to a bound, and then fails the video with <c>step_timed_out</c>; otherwise it is stale and ignored.
/// </summary>
public sealed record StepDeadlinePassed(Guid VideoId, int Attempt, string Stage) : IVideoMessage
{
    /// <summary>The token of the deadline the saga armed; a later one replaces it.</summary>
    public Guid? Token { get; init; }
}
