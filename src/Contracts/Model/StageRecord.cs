namespace AiProd.Contracts;

/// <summary>One visit of the saga to a state, as kept in the history and the manifest.</summary>
/// <param name="Stage">State name.</param>
/// <param name="Attempt">Which visit of that state (1-based).</param>
/// <param name="EnteredAt">When the saga entered the state.</param>
/// <param name="LeftAt">When it left (null while still there).</param>
/// <param name="Outcome">What happened, for example "passed 9/10" or "re-render 1 shot".</param>
public sealed record StageRecord(string Stage, int Attempt, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt, string? Outcome);
