namespace AiProd.Contracts;

/// <summary>The technical QA verdict on one delivered format of a video (its own file, size and duration).</summary>
/// <param name="AspectRatio">"16:9", "9:16" or "1:1".</param>
/// <param name="Passed">Whether this format's file passed its checks.</param>
/// <param name="Width">Frame width measured in the file.</param>
/// <param name="Height">Frame height measured in the file.</param>
/// <param name="DurationSeconds">Duration measured in the file.</param>
/// <param name="Reframe">How it was made from the rendered master: "master", "crop" (centre window) or "blur-pad".</param>
/// <param name="Checks">Every check with its expectation and measurement.</param>
/// <param name="Reasons">Why it failed, one sentence each (empty when it passed).</param>
public sealed record FormatQa(
    string AspectRatio,
    bool Passed,
    int Width,
    int Height,
    double DurationSeconds,
    string Reframe,
    IReadOnlyList<QaCheck> Checks,
    IReadOnlyList<string> Reasons);
