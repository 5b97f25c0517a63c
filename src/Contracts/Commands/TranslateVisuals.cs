namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga on entering Visual; consumed by the creative worker's visual translator (scenes to shots).
/// </summary>
public sealed record TranslateVisuals(Guid VideoId, int Attempt, VideoRequest Request, CreativeDirection Direction) : IVideoMessage;
