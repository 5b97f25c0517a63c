namespace AiProd.Contracts;

/// <summary>
/// Published by the visual translator with the shot list; consumed by the saga.
/// </summary>
public sealed record VisualsTranslated(Guid VideoId, int Attempt, IReadOnlyList<Shot> Shots) : IVideoMessage;
