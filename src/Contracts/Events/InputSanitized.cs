namespace AiProd.Contracts;

/// <summary>
/// Published by the input sanitizer when the request is acceptable; consumed by the saga.
/// </summary>
public sealed record InputSanitized(Guid VideoId, int Attempt, SanitizedRequest Result) : IVideoMessage;
