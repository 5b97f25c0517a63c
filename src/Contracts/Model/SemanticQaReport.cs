namespace AiProd.Contracts;

/// <summary>The semantic QA verdict on one composed video.</summary>
/// <param name="VisualQuality">Sharpness, exposure and flicker.</param>
/// <param name="NarrativeCoherence">Cuts and pacing against the shot plan.</param>
/// <param name="TechnicalExcellence">Motion smoothness and temporal consistency.</param>
/// <param name="Overall">Weighted mean of the three.</param>
/// <param name="Threshold">The overall score needed to pass.</param>
/// <param name="Passed">Overall score at or above the threshold.</param>
/// <param name="Feedback">Concrete advice the creative director uses on the next attempt.</param>
/// <param name="Evaluator">Which evaluator produced it ("offline-signals", "gemini").</param>
public sealed record SemanticQaReport(
    QaScore VisualQuality,
    QaScore NarrativeCoherence,
    QaScore TechnicalExcellence,
    QaScore Overall,
    double Threshold,
    bool Passed,
    IReadOnlyList<string> Feedback,
    string Evaluator)
{
    /// <summary>
    /// What this evaluator did not judge, e.g. "content" and "prompt_adherence" for the offline evaluator, which
    /// measures signals, not what the picture shows; empty when everything was judged (Gemini).
    /// </summary>
    public IReadOnlyList<string> NotAssessed { get; init; } = [];

    /// <summary>The consistency scorer's four measures (offline evaluator; null when not measured).</summary>
    public ConsistencyReport? Consistency { get; init; }
}
