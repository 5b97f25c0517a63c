using AiProd.Contracts;

namespace AiProd.Workers.Render;

/// <summary>Renders one shot to a clip file. One implementation per backend; the local one uses ffmpeg.</summary>
public interface IShotRenderer
{
    /// <summary>Backend name, as used in cost estimates ("local", "veo3", ...).</summary>
    string Backend { get; }

    /// <summary>
    /// What, besides the shot, decides the clip this renderer makes (its backend, model and output settings): part of the
    /// render cache's key, so a clip is reused only from the same renderer set up the same way.
    /// </summary>
    string CacheIdentity => Backend;

    /// <summary>
    /// What one attempt at <paramref name="shot"/> costs at most, as this backend bills it (Veo 3 bills 8 s even for a
    /// 3 s shot). The render worker checks it against the shot's budget before trying the backend.
    /// </summary>
    decimal QuoteUsd(Shot shot);

    /// <summary>
    /// Renders <paramref name="shot"/> into <paramref name="outputFile"/> (MP4) and returns what it cost. A backend that
    /// cannot deliver throws <see cref="ShotRenderException"/> (with what it billed, if anything) so the next backend is tried.
    /// </summary>
    Task<ShotRenderResult> RenderAsync(Guid videoId, Shot shot, string outputFile, CancellationToken cancellationToken);

    /// <summary>
    /// Renders as <see cref="RenderAsync(Guid, Shot, string, CancellationToken)"/>, within the render step's
    /// <paramref name="journal"/>: a backend that starts a paid job on a provider records it there first and, when an
    /// earlier run of the step already started one, follows that job instead of starting another. Backends without
    /// provider jobs (the local one) ignore it.
    /// </summary>
    Task<ShotRenderResult> RenderAsync(Guid videoId, Shot shot, string outputFile, IRenderJournal journal, CancellationToken cancellationToken) =>
        RenderAsync(videoId, shot, outputFile, cancellationToken);
}

/// <summary>The clip's measured length and the backend's cost for it.</summary>
public sealed record ShotRenderResult(double DurationSeconds, decimal CostUsd);
