namespace AiProd.Workers.Render;

/// <summary>
/// What earlier runs of the same render step (video, shot, attempt) started on the providers. A hosted backend writes
/// its job here right after submitting it and before following it, so a redelivered command — after a crash, a kill or a
/// retry — follows that same job instead of submitting (and paying for) a new one.
/// </summary>
public interface IRenderJournal
{
    /// <summary>The job <paramref name="backend"/> started for this step in an earlier run, or null.</summary>
    Task<ProviderJob?> FindJobAsync(string backend, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="job"/>, create-only: returns it, or the job another run of the same step recorded first
    /// (which is then the one to follow).
    /// </summary>
    Task<ProviderJob> RecordJobAsync(ProviderJob job, CancellationToken cancellationToken);
}

/// <summary>A provider job a render step started: the backend, the provider's job or operation id, the seconds it bills.</summary>
public sealed record ProviderJob(string Backend, string JobId, int BilledSeconds, DateTimeOffset SubmittedAt);

/// <summary>No journal: every render submits its own job (a renderer used outside the render step, in tools and tests).</summary>
public sealed class NoRenderJournal : IRenderJournal
{
    public static NoRenderJournal Instance { get; } = new();

    public Task<ProviderJob?> FindJobAsync(string backend, CancellationToken cancellationToken) => Task.FromResult<ProviderJob?>(null);

    public Task<ProviderJob> RecordJobAsync(ProviderJob job, CancellationToken cancellationToken) => Task.FromResult(job);
}
