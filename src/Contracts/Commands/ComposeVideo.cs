namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga when every shot of the plan is rendered (fan-in); consumed by the render worker.
/// </summary>
public sealed record ComposeVideo(Guid VideoId, int Attempt, VideoRequest Request, IReadOnlyList<Shot> Shots, IReadOnlyList<RenderedShot> Clips) : IVideoMessage;
