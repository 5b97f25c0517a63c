namespace AiProd.Workers.Render;

/// <summary>
/// A backend could not deliver a shot. The render worker records it and moves on to the next backend of the chain:
/// a content refusal is final for that backend (never retried there) but another backend may accept the shot.
/// </summary>
/// <param name="code">Stable code: "content_refused", "rate_limited", "output_expired", "output_corrupt", ...</param>
/// <param name="message">What went wrong, for people; never contains keys.</param>
/// <param name="refused">True for a content-safety refusal.</param>
/// <param name="billedUsd">What the provider billed for the attempt anyway (a succeeded generation whose output was unusable).</param>
/// <param name="inner">The provider's own error.</param>
public sealed class ShotRenderException(string code, string message, bool refused = false, decimal billedUsd = 0m, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    public bool Refused { get; } = refused;

    public decimal BilledUsd { get; } = billedUsd;
}
