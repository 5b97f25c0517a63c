namespace AiProd.Collaboration.Comments;

/// <summary>Where in a version a comment points: a shot of its plan, a moment (seconds from the start), or both.</summary>
public sealed record CommentAnchor(string? ShotId, double? AtSeconds);
