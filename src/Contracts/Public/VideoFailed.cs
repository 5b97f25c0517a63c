namespace AiProd.Contracts;

/// <summary>
/// Public event, published once by the saga when a video fails; the error names the stage, a code, a message
/// and whether a retry can help.
/// </summary>
public sealed record VideoFailed(Guid VideoId, VideoError Error, DateTimeOffset FailedAt);
