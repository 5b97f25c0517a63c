using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>
/// The stream-copy join's transition windows (<see cref="GlueSpan"/>s), encoded by the render step of whichever neighbour
/// is rendered second (when both finish together, the first to store its claim, <c>transitions/{key}.claim</c>) instead
/// of by compose, and stored among the video's assets as <c>transitions/{key}.mp4</c>. The key
/// is a SHA-256 of everything the window's bytes depend on: both clips' SHA-256, the span's frames and transition, the
/// picture and the encoder settings. Compose uses a stored window whose key matches and that holds the span's frames, and
/// encodes the window itself otherwise (not stored yet, a neighbour rendered again, another plan), with the same command,
/// so the delivered file is the same either way.
/// </summary>
public sealed class TransitionWindows(IAssetStore assets, MediaTool tool, IOptions<RenderOptions> options, ILogger<TransitionWindows> logger)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static string AssetName(string key) => $"transitions/{key}.mp4";

    /// <summary>Which render step encodes the window under <paramref name="key"/>: the first to store this (its step key).</summary>
    internal static string ClaimName(string key) => $"transitions/{key}.claim";

    /// <summary>The content key of a window: what its bytes depend on (the second clip's hash is empty for a tail with no next clip).</summary>
    internal static string Key(GlueSpan glue, string tailSha256, string? headSha256, int width, int height, int frameRate, RenderOptions settings)
    {
        var text = string.Create(Inv,
            $"aiprod-window v1\n{tailSha256}\n{(glue.HeadTo > 0 ? headSha256 : "")}\n{glue.TailFrom} {glue.TailTo} {glue.HeadTo} {glue.Overlap} {glue.Xfade ?? "cut"}\n"
            + $"{width}x{height}@{frameRate}\nlibx264 {settings.DeliveryPreset} crf {settings.DeliveryCrf}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>
    /// The stored window under <paramref name="key"/> as a local file, when it is there and holds exactly
    /// <paramref name="frames"/> frames; null otherwise (then the caller encodes it).
    /// </summary>
    internal async Task<string?> FindAsync(Guid videoId, string key, int frames, CancellationToken cancellationToken)
    {
        if (await assets.FindAsync(videoId, AssetName(key), cancellationToken) is not { } uri)
            return null;
        try
        {
            var file = await assets.GetLocalFileAsync(uri, cancellationToken);
            if (await Mp4SampleCount.OfVideoAsync(file, cancellationToken) == frames)
                return file;
        }
        catch (Exception ex) when (ex is AssetNotFoundException or AssetIntegrityException or IOException)
        {
            logger.LogWarning("The stored transition window {Key} of {VideoId} could not be read ({Reason}); compose encodes it", key, videoId, ex.GetType().Name);
            return null;
        }

        logger.LogWarning("The stored transition window {Key} of {VideoId} does not hold {Frames} frames; compose encodes it", key, videoId, frames);
        return null;
    }

    /// <summary>
    /// After <paramref name="shot"/>'s clip is stored (copy mode): encodes and stores the windows between it and each
    /// neighbour in <paramref name="neighbours"/> whose clip is already stored (its latest round up to
    /// <paramref name="attempt"/>), and the plan's last shot's stray tail. The frames are laid out from the excerpt as
    /// compose lays them out from the whole plan (<see cref="CompositionPlan.Around"/>); were they not, the key would
    /// differ and compose would encode the window itself. Returns how many it stored: none without an excerpt (an older
    /// sender). Only a head start: any failure is logged and swallowed.
    /// </summary>
    public async Task<int> EncodeAroundAsync(Guid videoId, int attempt, Shot shot, PlanExcerpt? neighbours, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Compose != ComposeMode.Copy || neighbours is null)
            return 0;
        try
        {
            // Compose copies a clip only at the video's size and rate, so those are the shot's own whenever a window is used.
            var (width, height, r) = (shot.Spec.Width, shot.Spec.Height, shot.Spec.FrameRate);
            var (composition, first) = CompositionPlan.Around(neighbours, r);
            var shots = composition.Shots;
            var i = shots.Select(s => s.ShotId).ToList().IndexOf(shot.ShotId);
            if (i < 0)
                return 0;
            var tag = DeliveryClip.Tag(settings, width, height, r);
            var own = await LatestClipAsync(videoId, shot.ShotId, attempt, tag, width, height, r, cancellationToken);
            if (own is null)
                return 0;
            var stored = 0;
            var claimant = RenderJournal.StepKey(shot.ShotId, attempt);
            if (i > 0 && await LatestClipAsync(videoId, shots[i - 1].ShotId, attempt, tag, width, height, r, cancellationToken) is { } previous)
                stored += await EncodePairAsync(videoId, claimant, composition, i - 1, previous, own, width, height, cancellationToken);
            if (i < shots.Count - 1 && await LatestClipAsync(videoId, shots[i + 1].ShotId, attempt, tag, width, height, r, cancellationToken) is { } next)
                stored += await EncodePairAsync(videoId, claimant, composition, i, own, next, width, height, cancellationToken);
            var lastOfPlan = neighbours.FirstIndex + first + i == neighbours.ShotCount - 1;
            if (lastOfPlan && CopyPlan.Copied(composition, i, own.Index.Index) is { } last && CopyPlan.Tail(composition, last) is { } tail)
                stored += await StoreAsync(videoId, claimant, tail, own, null, width, height, r, cancellationToken);
            return stored;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The transition windows around shot {ShotId} of {VideoId} could not be encoded ahead; compose will encode them", shot.ShotId, videoId);
            return 0;
        }
    }

    /// <summary>Encodes one window with the delivery settings: the same command whether the render step or compose runs it.</summary>
    internal static async Task<bool> EncodeAsync(
        MediaTool tool, RenderOptions settings, GlueSpan glue, string tail, string? head, int width, int height, int r, string file, CancellationToken cancellationToken)
    {
        var prep = $"format=yuv420p,setsar=1,setpts=PTS-STARTPTS,settb=1/{r}";
        List<string> args = ["-y", "-v", "error"];
        // Input seeking lands on the tail's key frame and drops what comes before it; half a frame early never misses it.
        args.AddRange(["-ss", ((glue.TailFrom - 0.5) / r).ToString("0.######", Inv), "-i", tail]);
        var graph = new StringBuilder($"[0:v]trim=end_frame={glue.TailTo - glue.TailFrom},{prep}[tail];");
        if (glue.HeadTo > 0)
        {
            args.AddRange(["-i", head ?? throw new ArgumentNullException(nameof(head))]);
            graph.Append($"[1:v]trim=end_frame={glue.HeadTo},{prep}[head];");
            graph.Append(glue.Xfade is null
                ? "[tail][head]concat=n=2:v=1:a=0"
                : $"[tail][head]xfade=transition={glue.Xfade}:duration={FilterEscaping.Num((double)glue.Overlap / r)}:offset={FilterEscaping.Num((double)(glue.TailTo - glue.TailFrom - glue.Overlap) / r)}");
        }
        else
        {
            graph.Append("[tail]null");
        }
        graph.Append($",scale={width}:{height},setsar=1,format=yuv420p[v]");
        args.AddRange(
        [
            "-filter_complex", graph.ToString(), "-map", "[v]", "-frames:v", glue.Frames.ToString(Inv), "-r", r.ToString(Inv), "-an",
            "-c:v", "libx264", "-preset", settings.DeliveryPreset, "-crf", settings.DeliveryCrf.ToString(Inv), "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv", file,
        ]);
        var result = await tool.FfmpegAsync(args, VideoStages.Render, cancellationToken);
        return result.Succeeded;
    }

    private async Task<int> EncodePairAsync(
        Guid videoId, string claimant, CompositionPlan composition, int first, StoredClip previous, StoredClip next, int width, int height, CancellationToken cancellationToken)
    {
        if (CopyPlan.Copied(composition, first, previous.Index.Index) is not { } a || CopyPlan.Copied(composition, first + 1, next.Index.Index) is not { } b)
            return 0;
        var glue = CopyPlan.Between(composition, a, b);
        return glue.Frames > 0 ? await StoreAsync(videoId, claimant, glue, previous, next, width, height, composition.FrameRate, cancellationToken) : 0;
    }

    private async Task<int> StoreAsync(
        Guid videoId, string claimant, GlueSpan glue, StoredClip tail, StoredClip? head, int width, int height, int r, CancellationToken cancellationToken)
    {
        var key = Key(glue, tail.Index.Sha256, head?.Index.Sha256, width, height, r, options.Value);
        if (await assets.FindAsync(videoId, AssetName(key), cancellationToken) is not null)
            return 0;
        // Two neighbours rendered side by side can finish together and each find the other's clip: without a claim both
        // would encode the same window (the same bytes, so nothing breaks, but one encode is wasted on a busy worker).
        // The first step to store its claim encodes; a step run again (a redelivered command) writes the same claim and
        // goes on, and a claim whose step died before storing the window leaves it to compose.
        try
        {
            await assets.PutBytesAsync(videoId, ClaimName(key), Encoding.UTF8.GetBytes(claimant), AssetPutOptions.CreateOnly, cancellationToken);
        }
        catch (AssetConflictException)
        {
            logger.LogDebug("The transition window {Key} of {VideoId} is being encoded by the other neighbour's render step", key, videoId);
            return 0;
        }

        await using var area = await assets.OpenWorkAreaAsync(videoId, $"window-{key}", cancellationToken);
        var file = area.NewFile("mp4");
        if (!await EncodeAsync(tool, options.Value, glue, tail.File, head?.File, width, height, r, file, cancellationToken))
            return 0;
        try
        {
            await assets.PutFileAsync(videoId, AssetName(key), file, AssetPutOptions.CreateOnly, cancellationToken);
        }
        catch (AssetConflictException)
        {
            // Stored meanwhile by a step whose claim this one did not see (a claim of an older round): the same bytes.
            return 0;
        }

        logger.LogInformation("Encoded the transition window {Key} of {VideoId} ahead of compose ({Frames} frames)", key, videoId, glue.Frames);
        return 1;
    }

    /// <summary>A shot's clip from its latest render round up to <paramref name="attempt"/> whose step recorded an index of exactly its bytes, fit to copy.</summary>
    private async Task<StoredClip?> LatestClipAsync(
        Guid videoId, string shotId, int attempt, string tag, int width, int height, int r, CancellationToken cancellationToken)
    {
        for (var round = attempt; round >= 1; round--)
        {
            var journal = new RenderJournal(assets, videoId, RenderJournal.StepKey(shotId, round));
            if (await journal.StoredIndexAsync(cancellationToken) is not { } index
                || await assets.FindAsync(videoId, $"shots/{shotId}-a{round}.mp4", cancellationToken) is not { } uri)
                continue;
            var file = await assets.GetLocalFileAsync(uri, cancellationToken);
            return index.Index.Fits(tag, width, height, r) && await index.DescribesAsync(file, r, cancellationToken) ? new StoredClip(file, index) : null;
        }

        return null;
    }

    private sealed record StoredClip(string File, StoredClipIndex Index);
}
