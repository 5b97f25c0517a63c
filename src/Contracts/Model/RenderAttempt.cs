namespace AiProd.Contracts;

/// <summary>
/// One try of one backend at rendering a shot, as the render worker records it and the saga, the status and the
/// manifest show it. Failed attempts that the provider billed (for example an output that arrived corrupt) carry their cost.
/// </summary>
/// <param name="Backend">The backend tried ("veo3", "runway", "replicate-wan25" or "local").</param>
/// <param name="Outcome">"succeeded", "failed" (another backend may help), "refused" (content safety; final for that backend) or "skipped" (not tried: unavailable here or over budget).</param>
/// <param name="Code">Stable failure code ("content_refused", "rate_limited", "output_corrupt", "over_budget", ...); null on success.</param>
/// <param name="Message">What went wrong, for people; null on success. Never contains keys or signed URLs.</param>
/// <param name="CostUsd">What the attempt cost, computed from what the provider reported (0 when it was not billed).</param>
/// <param name="ElapsedSeconds">Wall time of the attempt.</param>
public sealed record RenderAttempt(string Backend, string Outcome, string? Code, string? Message, decimal CostUsd, double ElapsedSeconds)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Refused = "refused";
    public const string Skipped = "skipped";
}
