namespace AiProd.Contracts;

/// <summary>A defect found by ffmpeg's detection filters.</summary>
/// <param name="Kind">"black", "frozen" or "silence".</param>
/// <param name="StartSeconds">Where it starts in the video.</param>
/// <param name="DurationSeconds">How long it lasts.</param>
/// <param name="Blocking">Whether it fails the video on its own.</param>
public sealed record QaDefect(string Kind, double StartSeconds, double DurationSeconds, bool Blocking);
