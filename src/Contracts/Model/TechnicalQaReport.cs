namespace AiProd.Contracts;

/// <summary>The technical QA gate's verdict on one composed video.</summary>
/// <param name="Passed">True when the video may go on.</param>
/// <param name="PassedChecks">How many of the checks passed.</param>
/// <param name="TotalChecks">How many checks ran (10).</param>
/// <param name="Checks">Every check with its expectation and measurement.</param>
/// <param name="Defects">Black, frozen and silent segments found.</param>
/// <param name="Reasons">Why it failed, one sentence each (empty when it passed).</param>
/// <param name="SuspectShotIds">Shots that overlap a blocking defect; a re-render redoes only these.</param>
public sealed record TechnicalQaReport(
    bool Passed,
    int PassedChecks,
    int TotalChecks,
    IReadOnlyList<QaCheck> Checks,
    IReadOnlyList<QaDefect> Defects,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> SuspectShotIds)
{
    /// <summary>
    /// Every requested format with its own verdict, the master first; empty when only one format was asked for. The
    /// report passes only when every format does.
    /// </summary>
    public IReadOnlyList<FormatQa> Formats { get; init; } = [];
}
