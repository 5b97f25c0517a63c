using System.Text.Json.Nodes;

namespace AiProd.Workers.Render.Hosted;

/// <summary>
/// A provider job to follow: its id, the seconds it bills, and the provider's first answer about it when the submit
/// already carried one (Replicate's create held open by <c>Prefer: wait</c>); null when resumed from the journal.
/// </summary>
public sealed record SubmittedJob(string JobId, int BilledSeconds, JsonObject? FirstLook = null)
{
    /// <summary>The job as the journal holds it (set by <see cref="HostedShotRenderer"/>).</summary>
    public ProviderJob Job { get; init; } = new("", JobId, BilledSeconds, DateTimeOffset.MinValue);
}
