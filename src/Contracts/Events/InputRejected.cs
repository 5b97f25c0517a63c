namespace AiProd.Contracts;

/// <summary>
/// Published by the input sanitizer when the request breaks a rule; consumed by the saga, which fails the video.
/// </summary>
public sealed record InputRejected(Guid VideoId, int Attempt, IReadOnlyList<InputViolation> Violations) : IVideoMessage;
