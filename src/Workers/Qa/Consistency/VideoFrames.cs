using AiProd.Contracts;
using AiProd.Media;

namespace AiProd.Workers.Qa.Consistency;

/// <summary>
/// Every frame of a video decoded small (<see cref="Width"/>×<see cref="Height"/> RGB24, on a constant frame grid): enough
/// for colour histograms, SSIM and frame differences, at about 12 KB a frame.
/// </summary>
public sealed class VideoFrames(IReadOnlyList<byte[]> rgb, double frameRate)
{
    public const int Width = 64;
    public const int Height = 64;

    public IReadOnlyList<byte[]> Rgb { get; } = rgb;

    public double FrameRate { get; } = frameRate;

    private readonly Dictionary<int, byte[]> _grey = [];

    public int Count => Rgb.Count;

    /// <summary>The luma of frame <paramref name="index"/> (computed once).</summary>
    public byte[] Grey(int index)
    {
        if (!_grey.TryGetValue(index, out var grey))
            _grey[index] = grey = Ssim.Grey(Rgb[index]);
        return grey;
    }

    /// <summary>The frames a timeline entry owns: [first, last).</summary>
    public (int First, int Last) Span(ShotTiming shot)
    {
        var first = Math.Clamp((int)Math.Round(shot.StartSeconds * FrameRate), 0, Count);
        var last = Math.Clamp((int)Math.Round((shot.StartSeconds + shot.DurationSeconds) * FrameRate), first, Count);
        return (first, last);
    }

    /// <summary>The filter chain that turns decoded video into these frames (also a branch of <see cref="QaPass"/>).</summary>
    public static string Filter(int frameRate) => $"fps={frameRate},scale={Width}:{Height}:flags=area,format=rgb24";

    /// <summary>Decodes <paramref name="file"/> with one ffmpeg run into a scratch file beside it; null when it cannot be read.</summary>
    public static async Task<VideoFrames?> DecodeAsync(MediaTool tool, string file, int frameRate, string stage, CancellationToken cancellationToken)
    {
        var raw = Path.Combine(Path.GetTempPath(), $"aiprod-frames-{Guid.NewGuid():N}.rgb");
        try
        {
            var result = await tool.FfmpegAsync(
                ["-y", "-v", "error", "-an", "-sn", "-i", file, "-vf", Filter(frameRate), "-f", "rawvideo", raw],
                stage, cancellationToken);
            return result.Succeeded ? await ReadAsync(raw, frameRate, cancellationToken) : null;
        }
        finally
        {
            ScratchFile.TryDelete(raw);
        }
    }

    /// <summary>Reads raw RGB24 frames written by <see cref="Filter"/>; null when the file is missing or holds no whole frame.</summary>
    public static async Task<VideoFrames?> ReadAsync(string raw, int frameRate, CancellationToken cancellationToken)
    {
        if (!File.Exists(raw))
            return null;
        var bytes = await File.ReadAllBytesAsync(raw, cancellationToken);
        const int size = Width * Height * 3;
        var frames = new List<byte[]>(bytes.Length / size);
        for (var at = 0; at + size <= bytes.Length; at += size)
            frames.Add(bytes[at..(at + size)]);
        return frames.Count == 0 ? null : new VideoFrames(frames, frameRate);
    }
}
