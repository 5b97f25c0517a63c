namespace AiProd.Contracts;

/// <summary>
/// Published at start-up by the saga host's resumer (only on a transport that keeps nothing across a restart, such as
/// the in-memory bus) for each unfinished video, with the stage and attempt it was in; consumed by the saga, which
/// sends that stage's commands again and schedules a fresh step deadline. A resume never counts as a resend.
/// </summary>
public sealed record VideoResumeRequested(Guid VideoId, int Attempt, string Stage) : IVideoMessage;
