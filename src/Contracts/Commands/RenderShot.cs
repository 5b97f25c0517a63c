namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga once per shot that is not yet rendered (fan-out); consumed by the render worker. Attempt is the render round.
/// </summary>
public sealed record RenderShot(Guid VideoId, int Attempt, Shot Shot, string Backend, IReadOnlyList<string> FallbackChain) : IVideoMessage;
