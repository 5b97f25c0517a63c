namespace AiProd.Contracts;

/// <summary>How well the shots hold together: part of the semantic QA report and of the feedback the director gets.</summary>
/// <param name="VisualConsistency">Shots of one scene look alike (their brightness and contrast).</param>
/// <param name="TemporalCoherence">Motion carries across cuts (frame differences either side of each boundary).</param>
/// <param name="StyleUniformity">Brightness and contrast spread across all the shots.</param>
/// <param name="NarrativeFlow">Prompt ↔ scenes ↔ narration say the same thing (cosine of sentence embeddings, or a lexical measure; the basis says which).</param>
public sealed record ConsistencyReport(
    ConsistencyScore VisualConsistency,
    ConsistencyScore TemporalCoherence,
    ConsistencyScore StyleUniformity,
    ConsistencyScore NarrativeFlow);
