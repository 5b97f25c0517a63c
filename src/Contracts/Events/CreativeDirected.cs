namespace AiProd.Contracts;

/// <summary>
/// Published by the creative director; consumed by the saga.
/// </summary>
public sealed record CreativeDirected(Guid VideoId, int Attempt, CreativeDirection Direction) : IVideoMessage;
