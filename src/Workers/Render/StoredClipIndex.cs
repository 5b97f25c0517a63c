using AiProd.Media;

namespace AiProd.Workers.Render;

/// <summary>
/// A clip's <see cref="ClipIndex"/> as its render step read it, with the SHA-256 and size of the bytes it describes and
/// the frame rate its key frames were counted at. The render step stores it in the clip's record (<c>clip.json</c>, see
/// <see cref="RenderJournal"/>) and the render cache carries it with the clip, so compose need not read every
/// clip again; compose trusts it only for a file with exactly those bytes, at that rate, and reads the clip itself otherwise.
/// </summary>
public sealed record StoredClipIndex(string Sha256, long SizeBytes, int FrameRate, ClipIndex Index)
{
    /// <summary>
    /// Indexes <paramref name="file"/> (from its MP4 boxes, ffprobe only for a file that reader does not take) and hashes
    /// it, side by side; null when neither can read it.
    /// </summary>
    public static async Task<StoredClipIndex?> MakeAsync(MediaTool tool, string file, int frameRate, CancellationToken cancellationToken)
    {
        var reading = ClipIndex.ReadAsync(tool, file, frameRate, cancellationToken);
        var (sha256, size) = await ClipDigest.OfAsync(file, cancellationToken);
        return await reading is { } index ? new StoredClipIndex(sha256, size, frameRate, index) : null;
    }

    /// <summary>Whether this index describes <paramref name="file"/> as read at <paramref name="frameRate"/>: the same rate, size and SHA-256.</summary>
    public async Task<bool> DescribesAsync(string file, int frameRate, CancellationToken cancellationToken)
    {
        if (frameRate != FrameRate || !File.Exists(file) || new FileInfo(file).Length != SizeBytes)
            return false;
        var (sha256, _) = await ClipDigest.OfAsync(file, cancellationToken);
        return string.Equals(sha256, Sha256, StringComparison.Ordinal);
    }

    /// <summary>
    /// The index of <paramref name="file"/> at <paramref name="frameRate"/>: <paramref name="stored"/> when it describes
    /// exactly this file, else read (<see cref="ClipIndex.ReadAsync"/>: an older clip, a hosted one, another rate, other bytes).
    /// </summary>
    internal static async Task<(ClipIndex? Index, bool Stored)> ForAsync(
        MediaTool tool, string file, StoredClipIndex? stored, int frameRate, CancellationToken cancellationToken) =>
        stored is not null && await stored.DescribesAsync(file, frameRate, cancellationToken)
            ? (stored.Index, true)
            : (await ClipIndex.ReadAsync(tool, file, frameRate, cancellationToken), false);
}
