namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga once per shot that is not yet rendered (fan-out); consumed by the render worker. Attempt is the render round.
/// </summary>
public sealed record RenderShot(Guid VideoId, int Attempt, Shot Shot, string Backend, IReadOnlyList<string> FallbackChain) : IVideoMessage
{
    /// <summary>
    /// The most this shot may cost across all the backends tried: the video's unspent budget shared among the shots
    /// still to render in proportion to their length. Null (older senders) means no limit is enforced by the worker.
    /// </summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>
    /// Render anew, never from the render cache: the shot is rendered again because technical QA found its clip
    /// defective. False (older senders too): an identical shot rendered before may be reused.
    /// </summary>
    public bool Fresh { get; init; }

    /// <summary>
    /// The shots around this one in the plan (up to two on each side, <see cref="PlanExcerpt"/>), so the render step can
    /// encode the transition windows to its neighbours once both are rendered, ahead of compose. Its size does not grow with
    /// the plan. Null (older senders too): compose encodes every window.
    /// </summary>
    public PlanExcerpt? Neighbours { get; init; }
}
