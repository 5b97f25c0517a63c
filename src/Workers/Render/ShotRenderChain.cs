using System.Diagnostics;
using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Render;

/// <summary>
/// Renders a shot on the financial step's chain (primary, then fallbacks, among the renderers this process has),
/// recording every attempt: a backend that fails or refuses hands over to the next; one that would break the shot's
/// budget is skipped (see <see cref="RenderChainPolicy"/>).
/// </summary>
public sealed class ShotRenderChain(IEnumerable<IShotRenderer> renderers, ILogger<ShotRenderChain> logger)
{
    /// <summary>The renderer this process has for <paramref name="backend"/>, or null.</summary>
    public IShotRenderer? Renderer(string backend) =>
        renderers.FirstOrDefault(r => string.Equals(r.Backend, backend, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first renderer of <paramref name="command"/>'s chain that this process has: the one that would be tried first.</summary>
    public IShotRenderer? FirstAvailable(RenderShot command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RenderChainPolicy.Order(command.Backend, command.FallbackChain).Select(Renderer).FirstOrDefault(r => r is not null);
    }

    /// <summary>Renders into <paramref name="outputFile"/>, or throws <see cref="RenderChainException"/> with every attempt.</summary>
    public Task<RenderedClip> RenderAsync(RenderShot command, string outputFile, CancellationToken cancellationToken) =>
        RenderAsync(command, outputFile, NoRenderJournal.Instance, cancellationToken);

    /// <summary>
    /// Renders into <paramref name="outputFile"/> within the step's <paramref name="journal"/> (hosted backends follow the
    /// jobs an earlier run of the step started instead of starting new ones), or throws <see cref="RenderChainException"/>.
    /// </summary>
    public async Task<RenderedClip> RenderAsync(RenderShot command, string outputFile, IRenderJournal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var attempts = new List<RenderAttempt>();
        foreach (var backend in RenderChainPolicy.Order(command.Backend, command.FallbackChain))
        {
            var renderer = Renderer(backend);
            if (renderer is null)
            {
                attempts.Add(new RenderAttempt(backend, RenderAttempt.Skipped, "backend_unavailable", $"{backend} is not configured in this deployment.", 0m, 0));
                continue;
            }

            var spent = attempts.Sum(a => a.CostUsd);
            var quote = renderer.QuoteUsd(command.Shot);
            if (!RenderChainPolicy.Fits(command.BudgetUsd, spent, quote))
            {
                attempts.Add(RenderChainPolicy.OverBudget(backend, command.BudgetUsd, spent, quote));
                continue;
            }

            var attempt = await TryAsync(renderer, command, outputFile, journal, cancellationToken);
            attempts.Add(attempt.Record);
            if (attempt.Result is { } result)
                return new RenderedClip(renderer.Backend, result.DurationSeconds, attempts);
            if (attempt.Final is { } final)
                throw new RenderChainException(final, new FailedShotRender(command.Shot.ShotId, command.Attempt, attempts));
        }

        throw new RenderChainException(
            RenderChainPolicy.Failure(command.Shot.ShotId, attempts, renderers.Select(r => r.Backend)), new FailedShotRender(command.Shot.ShotId, command.Attempt, attempts));
    }

    private async Task<(RenderAttempt Record, ShotRenderResult? Result, StepException? Final)> TryAsync(
        IShotRenderer renderer, RenderShot command, string outputFile, IRenderJournal journal, CancellationToken cancellationToken)
    {
        var (shot, backend) = (command.Shot, renderer.Backend);
        var started = Stopwatch.GetTimestamp();
        double Elapsed() => Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 3);
        logger.LogInformation("Rendering shot {ShotId} of video {VideoId} on {Backend}", shot.ShotId, command.VideoId, backend);
        try
        {
            var result = await renderer.RenderAsync(command.VideoId, shot, outputFile, journal, cancellationToken);
            return (new RenderAttempt(backend, RenderAttempt.Succeeded, null, null, result.CostUsd, Elapsed()), result, null);
        }
        catch (ShotRenderException ex)
        {
            logger.LogWarning("Shot {ShotId} of video {VideoId} failed on {Backend}: {Code} {Reason}", shot.ShotId, command.VideoId, backend, ex.Code, ex.Message);
            var outcome = ex.Refused ? RenderAttempt.Refused : RenderAttempt.Failed;
            return (new RenderAttempt(backend, outcome, ex.Code, UserText.Scrub(ex.Message), ex.BilledUsd, Elapsed()), null, null);
        }
        catch (StepException ex)
        {
            // Our own tooling failed (ffmpeg missing, an unrenderable spec, a full disk): a final one would fail on every
            // backend too, and so would this worker's disk.
            logger.LogWarning("Shot {ShotId} of video {VideoId} failed on {Backend}: {Code} {Reason}", shot.ShotId, command.VideoId, backend, ex.Code, ex.Message);
            var final = !ex.Retryable || StorageFailures.Is(ex);
            return (new RenderAttempt(backend, RenderAttempt.Failed, ex.Code, UserText.Scrub(ex.Message), 0m, Elapsed()), null, final ? ex : null);
        }
        catch (Exception ex) when (StorageFailures.From(ex, VideoStages.Render) is { } storage)
        {
            logger.LogWarning(ex, "Shot {ShotId} of video {VideoId} could not be written on {Backend}: {Code}", shot.ShotId, command.VideoId, backend, storage.Code);
            return (new RenderAttempt(backend, RenderAttempt.Failed, storage.Code, storage.Message, 0m, Elapsed()), null, storage);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A backend's unexpected error must not keep the shot from the next backend; it is logged in full here, and the
            // user reads neither its type nor its words (which may name server paths).
            logger.LogError(ex, "Shot {ShotId} of video {VideoId} failed unexpectedly on {Backend}", shot.ShotId, command.VideoId, backend);
            return (new RenderAttempt(backend, RenderAttempt.Failed, "unexpected_error", $"{backend} failed unexpectedly; the render worker's log has the details.", 0m, Elapsed()), null, null);
        }
    }
}

/// <summary>A clip rendered by <paramref name="Backend"/>, with every attempt that led to it (the successful one last).</summary>
public sealed record RenderedClip(string Backend, double DurationSeconds, IReadOnlyList<RenderAttempt> Attempts)
{
    /// <summary>All attempts' cost: the successful render plus any billed failures before it.</summary>
    public decimal CostUsd => Attempts.Sum(a => a.CostUsd);
}

/// <summary>No backend of the chain delivered: the step's failure, and the attempts with what they cost.</summary>
public sealed class RenderChainException(StepException failure, FailedShotRender render) : Exception(failure.Message, failure)
{
    public StepException Failure { get; } = failure;

    public FailedShotRender Render { get; } = render;
}
