namespace AiProd.Contracts;

/// <summary>
/// Published by the stalled-video sweeper when a video has made no progress in its current stage for longer than
/// the step deadline (a lost message, a dead worker, a restarted process); consumed by the saga, which sends the
/// stage's commands again, up to a bound, and then fails the video.
/// </summary>
public sealed record StepDeadlinePassed(Guid VideoId, int Attempt, string Stage) : IVideoMessage;
