namespace AiProd.Contracts;

/// <summary>
/// Public command that starts a video. Sent by the gateway and the CLI to the saga's endpoint, published by any other system on its topic; consumed by the saga.
/// The sender chooses <paramref name="VideoId"/>, so it can follow the video before the saga answers.
/// </summary>
/// <param name="VideoId">The new video's id; publishing the same id twice starts one video.</param>
/// <param name="Request">What to make.</param>
/// <param name="RequestedAt">When the caller asked (defaults to when the saga receives it).</param>
public sealed record GenerateVideo(Guid VideoId, VideoRequest Request, DateTimeOffset? RequestedAt = null)
{
    /// <summary>
    /// Who the video belongs to (the gateway sets the caller's API key owner or token subject). Optional: a video
    /// without one is owned by nobody, and only an administrator of the gateway sees it.
    /// </summary>
    public string? Owner { get; init; }
}
