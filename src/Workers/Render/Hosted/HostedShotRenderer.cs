using System.Diagnostics;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Providers.Download;
using AiProd.Providers.Http;
using AiProd.Workers.Common;
using AiProd.Workers.Render;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Hosted;

/// <summary>
/// What every hosted render backend does around its own API: submit the shot (the provider's part) and record the job
/// in the render step's journal before following it, follow it to its end, download the output at once through
/// <see cref="ProviderDownloader"/>, fit and verify it with <see cref="ClipFitter"/>, and put a price on it: billed
/// seconds × the backend's price in <c>Financial:PricesPerSecondUsd</c>. A job an earlier run of the same step recorded
/// is followed instead of submitting another (a redelivery after a crash pays nothing more). A provider failure becomes
/// a <see cref="ShotRenderException"/> carrying what the attempt was billed, so the fallback chain can count it.
/// </summary>
public abstract class HostedShotRenderer(
    RenderProviderOptions options,
    ProviderDownloader downloader,
    ClipFitter fitter,
    IOptions<BackendPrices> prices,
    ILogger logger,
    TimeProvider? time = null) : IShotRenderer
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public abstract string Backend { get; }

    public string CacheIdentity => $"{Backend}/{options.Model}";

    /// <summary>The seconds one attempt at <paramref name="shot"/> is billed for (the model's duration that covers it).</summary>
    protected abstract int BilledSeconds(Shot shot);

    /// <summary>Starts the provider's job for the shot and returns its id, the seconds it bills and, when the answer already said, its state.</summary>
    protected abstract Task<SubmittedJob> SubmitAsync(Guid videoId, Shot shot, string workFolder, CancellationToken cancellationToken);

    /// <summary>
    /// Follows <paramref name="job"/> to its end (at most <paramref name="maxWait"/>, then it is cancelled) and says where
    /// the output is. <paramref name="resumable"/>: the job is in the journal, so when our caller stops it is left running.
    /// </summary>
    protected abstract Task<Generation> FollowAsync(Guid videoId, Shot shot, SubmittedJob job, TimeSpan maxWait, bool resumable, CancellationToken cancellationToken);

    public decimal QuoteUsd(Shot shot) => Cost(shot, BilledSeconds(shot));

    public Task<ShotRenderResult> RenderAsync(Guid videoId, Shot shot, string outputFile, CancellationToken cancellationToken) =>
        RenderAsync(videoId, shot, outputFile, NoRenderJournal.Instance, cancellationToken);

    public async Task<ShotRenderResult> RenderAsync(Guid videoId, Shot shot, string outputFile, IRenderJournal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shot);
        ArgumentNullException.ThrowIfNull(journal);
        // Beside the output, so the step's work area (and its clean-up) holds the download and the keyframe too.
        var work = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputFile))!, $"{Backend}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var started = Stopwatch.GetTimestamp();
        decimal billed = 0m;
        try
        {
            var job = await StartOrResumeAsync(videoId, shot, work, journal, cancellationToken);
            var waited = _time.GetUtcNow() - job.Job.SubmittedAt;
            var maxWait = options.MaxWait - (waited > TimeSpan.Zero ? waited : TimeSpan.Zero);
            var generation = await FollowAsync(videoId, shot, job, maxWait > options.PollInterval ? maxWait : options.PollInterval,
                resumable: journal is not NoRenderJournal, cancellationToken);
            billed = Cost(shot, generation.BilledSeconds);
            var raw = Path.Combine(work, "output.mp4");
            if (generation.InlineBytes is { } bytes)
                await File.WriteAllBytesAsync(raw, bytes, cancellationToken);
            else if (generation.OutputUri is { } uri)
                await DownloadAsync(generation, uri, raw, cancellationToken);
            else
                throw new ProviderException(Backend, "malformed_response", "the job succeeded without an output", true);

            var duration = await fitter.FitAsync(Backend, raw, shot, outputFile, cancellationToken);
            logger.LogInformation(
                "Rendered shot {ShotId} of {VideoId} on {Backend} ({Model}): {BilledSeconds} s billed, ${CostUsd}, {ElapsedMs} ms",
                shot.ShotId, videoId, Backend, options.Model, generation.BilledSeconds, billed, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new ShotRenderResult(duration, billed);
        }
        catch (ProviderException ex)
        {
            throw new ShotRenderException(ex.Code, ex.Message, refused: ex.Code == "content_refused", billedUsd: billed, inner: ex);
        }
        catch (StepException ex) when (ex.Retryable && !StorageFailures.Is(ex))
        {
            // Our own ffmpeg step stumbled on this output: another backend may do better, and the generation stays billed.
            throw new ShotRenderException(ex.Code, ex.Message, billedUsd: billed, inner: ex);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover folder must not fail a render that succeeded; the work area's clean-up removes it.
            }
        }
    }

    /// <summary>
    /// The job to follow: the one an earlier run of this step recorded, or a new one, recorded (create-only) before it
    /// is followed. When another run recorded one first, that one stands and is followed.
    /// </summary>
    private async Task<SubmittedJob> StartOrResumeAsync(Guid videoId, Shot shot, string work, IRenderJournal journal, CancellationToken cancellationToken)
    {
        if (await journal.FindJobAsync(Backend, cancellationToken) is { } earlier)
        {
            logger.LogInformation("Following {Backend} job {JobId} that an earlier run started for shot {ShotId} of {VideoId}", Backend, earlier.JobId, shot.ShotId, videoId);
            return new SubmittedJob(earlier.JobId, earlier.BilledSeconds) { Job = earlier };
        }

        var submitted = await SubmitAsync(videoId, shot, work, cancellationToken);
        var job = new ProviderJob(Backend, submitted.JobId, submitted.BilledSeconds, _time.GetUtcNow());
        var standing = await journal.RecordJobAsync(job, cancellationToken);
        if (standing.JobId == job.JobId)
            return submitted with { Job = job };
        logger.LogWarning(
            "Another run recorded {Backend} job {StandingJobId} for shot {ShotId} of {VideoId} first; following it, {JobId} is left unused",
            Backend, standing.JobId, shot.ShotId, videoId, job.JobId);
        return new SubmittedJob(standing.JobId, standing.BilledSeconds) { Job = standing };
    }

    private async Task DownloadAsync(Generation generation, Uri uri, string file, CancellationToken cancellationToken)
    {
        try
        {
            await downloader.DownloadAsync(Backend, uri, options.Downloads, file, generation.DownloadHeaders, cancellationToken);
            return;
        }
        catch (ProviderException ex) when (ex.Code == "output_expired" && generation.RefreshOutput is not null)
        {
            logger.LogInformation("The {Backend} output URL had expired; asking for a fresh one", Backend);
        }

        var fresh = await generation.RefreshOutput(cancellationToken)
            ?? throw new ProviderException(Backend, "output_expired", "the output expired and no fresh URL was given", false);
        await downloader.DownloadAsync(Backend, fresh, options.Downloads, file, generation.DownloadHeaders, cancellationToken);
    }

    private decimal Cost(Shot shot, double seconds)
    {
        var resolution = ShotFormat.Resolution(shot.Spec);
        var price = prices.Value.PriceOf(Backend, resolution)
            ?? throw new InvalidOperationException($"Backend '{Backend}' has no price in Financial:PricesPerSecondUsd.");
        return Math.Round(price * (decimal)seconds, 6, MidpointRounding.AwayFromZero);
    }
}
