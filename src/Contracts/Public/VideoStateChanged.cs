namespace AiProd.Contracts;

/// <summary>
/// Public event, published by the saga on every state transition; for other systems to follow progress.
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="FromState">The state left.</param>
/// <param name="ToState">The state entered.</param>
/// <param name="ProgressPercent">0–100, the same figure the status API shows.</param>
/// <param name="Detail">Why, in a few words (for example "technical QA failed: re-render 1 shot").</param>
/// <param name="Timestamp">When the transition happened.</param>
public sealed record VideoStateChanged(Guid VideoId, string FromState, string ToState, int ProgressPercent, string? Detail, DateTimeOffset Timestamp);
