using AiProd.Contracts;

namespace AiProd.Saga.Decisions;

/// <summary>What the saga does after a QA verdict.</summary>
public abstract record QaNextStep
{
    /// <summary>The video passed: go on to the next stage.</summary>
    public sealed record Proceed : QaNextStep;

    /// <summary>Technical QA failed: render these shots again (none means: compose again from the shots we have).</summary>
    public sealed record ReRender(IReadOnlyList<string> ShotIds) : QaNextStep;

    /// <summary>Semantic QA failed: direct again with the report as feedback.</summary>
    public sealed record Refine(SemanticQaReport Feedback) : QaNextStep;

    /// <summary>The loop's bound is spent: fail with this error.</summary>
    public sealed record Fail(VideoError Error) : QaNextStep;
}

/// <summary>The QA loops' decisions, as pure functions of the verdict, what was tried, and the bounds.</summary>
public static class QaDecisions
{
    public static QaNextStep AfterTechnicalQa(TechnicalQaReport report, int reRendersSoFar, PipelineOptions options)
    {
        if (report.Passed)
            return new QaNextStep.Proceed();
        if (reRendersSoFar < options.MaxReRenders)
            return new QaNextStep.ReRender(report.SuspectShotIds);

        var reasons = report.Reasons.Count > 0 ? string.Join("; ", report.Reasons) : $"{report.PassedChecks}/{report.TotalChecks} checks passed";
        return new QaNextStep.Fail(new VideoError(
            VideoStages.QaTech,
            "technical_qa_failed",
            $"Technical QA still failed after {reRendersSoFar} re-render(s): {reasons}.",
            Retryable: false));
    }

    public static QaNextStep AfterSemanticQa(SemanticQaReport report, int creativeAttemptsSoFar, PipelineOptions options)
    {
        if (report.Passed)
            return new QaNextStep.Proceed();
        if (creativeAttemptsSoFar < options.MaxCreativeAttempts)
            return new QaNextStep.Refine(report);

        var feedback = report.Feedback.Count > 0 ? $" Feedback: {string.Join("; ", report.Feedback)}." : string.Empty;
        return new QaNextStep.Fail(new VideoError(
            VideoStages.QaSemantic,
            "semantic_qa_failed",
            $"Overall quality {report.Overall.Score:0.0} stayed below {report.Threshold:0.0} after {creativeAttemptsSoFar} creative attempt(s).{feedback} Rephrasing the prompt may help.",
            Retryable: false));
    }
}
