namespace AiProd.Contracts;

/// <summary>The analysis stage's reading of a sanitized request.</summary>
/// <param name="Complexity">0 (trivial) to 1 (very complex).</param>
/// <param name="SceneCount">How many scenes the creative director should plan (1–10).</param>
/// <param name="Subjects">Salient nouns found in the prompt, most important first.</param>
/// <param name="Factors">Named contributions to the complexity score, for the manifest.</param>
public sealed record RequestAnalysis(
    double Complexity,
    int SceneCount,
    IReadOnlyList<string> Subjects,
    IReadOnlyDictionary<string, double> Factors);
