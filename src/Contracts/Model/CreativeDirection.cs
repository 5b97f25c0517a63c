namespace AiProd.Contracts;

/// <summary>The creative director's plan for one attempt.</summary>
/// <param name="Attempt">The creative attempt this plan belongs to (1-based).</param>
/// <param name="Title">A short title for the video.</param>
/// <param name="Scenes">The scenes in order; their durations add up to the requested duration.</param>
/// <param name="Notes">What the director changed because of earlier QA feedback, if anything.</param>
public sealed record CreativeDirection(int Attempt, string Title, IReadOnlyList<Scene> Scenes, IReadOnlyList<string> Notes);
