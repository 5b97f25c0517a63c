namespace AiProd.Contracts;

/// <summary>
/// Published by the render worker for each stored shot; consumed by the saga (fan-in).
/// </summary>
public sealed record ShotRendered(Guid VideoId, int Attempt, RenderedShot Shot) : IVideoMessage;
