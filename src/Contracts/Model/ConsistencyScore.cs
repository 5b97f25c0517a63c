namespace AiProd.Contracts;

/// <summary>One consistency measure, 0 (inconsistent) to 1 (consistent), and what it was computed from.</summary>
/// <param name="Score">0 to 1.</param>
/// <param name="Basis">The measurements it came from, and what it could not measure.</param>
public sealed record ConsistencyScore(double Score, string Basis);
