using AiProd.Contracts;

namespace AiProd.Workers.Qa;

/// <summary>
/// Folds the verdicts on every delivered format into one technical report: the master's checks and defects stay the
/// report's own, each format gets its entry, and the report passes only when every format passes (a 9:16 file of the
/// wrong size is as undeliverable as a broken master).
/// </summary>
public static class FormatVerdicts
{
    /// <summary>One format's file, how it was made and what its checks found.</summary>
    public sealed record Checked(string AspectRatio, string Reframe, int Width, int Height, double DurationSeconds, TechnicalQaReport Report);

    /// <summary>The master's report with <paramref name="formats"/> (the master first) attached; unchanged for a single format.</summary>
    public static TechnicalQaReport Combine(TechnicalQaReport master, IReadOnlyList<Checked> formats)
    {
        if (formats.Count <= 1)
            return master;
        var entries = formats.Select(f => new FormatQa(
            f.AspectRatio, f.Report.Passed, f.Width, f.Height, f.DurationSeconds, f.Reframe, f.Report.Checks, f.Report.Reasons)).ToList();
        var failedOthers = formats.Skip(1).Where(f => !f.Report.Passed).ToList();
        var reasons = master.Reasons.Concat(failedOthers.SelectMany(f =>
            f.Report.Reasons.Count > 0 ? f.Report.Reasons.Select(r => $"{f.AspectRatio}: {r}") : [$"{f.AspectRatio}: its technical checks failed."])).ToList();
        return master with { Passed = master.Passed && failedOthers.Count == 0, Reasons = reasons, Formats = entries };
    }
}
