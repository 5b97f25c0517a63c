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
/// What every hosted render backend does around its own API: generate (the provider's part), download the output at
/// once through <see cref="ProviderDownloader"/>, fit and verify it with <see cref="ClipFitter"/>, and put a price on it:
/// billed seconds × the backend's price in <c>Financial:PricesPerSecondUsd</c>. A provider failure becomes a
/// <see cref="ShotRenderException"/> carrying what the attempt was billed, so the fallback chain can count it.
/// </summary>
public abstract class HostedShotRenderer(
    RenderProviderOptions options,
    ProviderDownloader downloader,
    ClipFitter fitter,
    IOptions<BackendPrices> prices,
    ILogger logger) : IShotRenderer
{
    public abstract string Backend { get; }

    /// <summary>The seconds one attempt at <paramref name="shot"/> is billed for (the model's duration that covers it).</summary>
    protected abstract int BilledSeconds(Shot shot);

    /// <summary>Submits the shot, follows the job to its end (cancelling it on our cancellation or timeout) and says where the output is.</summary>
    protected abstract Task<Generation> GenerateAsync(Guid videoId, Shot shot, string workFolder, CancellationToken cancellationToken);

    public decimal QuoteUsd(Shot shot) => Cost(shot, BilledSeconds(shot));

    public async Task<ShotRenderResult> RenderAsync(Guid videoId, Shot shot, string outputFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shot);
        var work = Directory.CreateTempSubdirectory($"aiprod-{Backend}-").FullName;
        var started = Stopwatch.GetTimestamp();
        decimal billed = 0m;
        try
        {
            var generation = await GenerateAsync(videoId, shot, work, cancellationToken);
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
        catch (StepException ex) when (ex.Retryable)
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
                // A leftover temp folder must not fail a render that succeeded.
            }
        }
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
