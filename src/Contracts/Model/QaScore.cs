namespace AiProd.Contracts;

/// <summary>One semantic QA score.</summary>
/// <param name="Score">0 to 10.</param>
/// <param name="Basis">What the score was computed from, with the measured values.</param>
public sealed record QaScore(double Score, string Basis);
