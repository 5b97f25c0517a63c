namespace AiProd.Contracts;

/// <summary>
/// Published by any worker when its step cannot succeed (bad data, a render that cannot be produced); consumed by the saga, which fails the video.
/// </summary>
public sealed record StepFailed(Guid VideoId, int Attempt, string Stage, string Code, string Message, bool Retryable) : IVideoMessage
{
    /// <summary>Set by the render worker when a shot failed on every backend: the attempts and what they cost.</summary>
    public FailedShotRender? FailedRender { get; init; }
}
