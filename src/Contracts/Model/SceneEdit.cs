namespace AiProd.Contracts;

/// <summary>A new text for one scene of the plan (<see cref="EditPlan"/>).</summary>
/// <param name="SceneIndex">The scene's <see cref="Scene.Index"/>.</param>
/// <param name="Description">What the scene shows now.</param>
public sealed record SceneEdit(int SceneIndex, string Description);
