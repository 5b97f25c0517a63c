namespace AiProd.Contracts;

/// <summary>
/// Scheduled by the saga for itself (MassTransit <c>Schedule</c>, delivered once to its endpoint after
/// <c>Pipeline:StepDeadline</c>) on entering a working stage, and again on every sign of progress; consumed by the
/// saga. If the video is still in that stage and attempt, it sends the stage's commands again, up to a bound, and
/// then fails the video with <c>step_timed_out</c>; otherwise the deadline is stale and ignored.
/// </summary>
public sealed record StepDeadlinePassed(Guid VideoId, int Attempt, string Stage) : IVideoMessage;
