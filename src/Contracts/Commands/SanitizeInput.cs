namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga on entering InputSanitizer; consumed by the creative worker's input sanitizer.
/// </summary>
public sealed record SanitizeInput(Guid VideoId, int Attempt, VideoRequest Request) : IVideoMessage;
