using System.Globalization;
using System.Text.Json;
using AiProd.Contracts;
using AiProd.Media;

namespace AiProd.Workers.Render;

/// <summary>
/// One clip as the stream-copy join sees it, from a single ffprobe that reads packets without decoding: its picture,
/// its tag, how many frames it holds and where its key frames are.
/// </summary>
public sealed record ClipIndex(string Codec, int Width, int Height, string PixelFormat, string FrameRate, string? Tag, int Frames, IReadOnlyList<ClipKeyFrame> KeyFrames)
{
    /// <summary>
    /// The index of <paramref name="file"/>: read from the MP4's own boxes (<see cref="Mp4ClipIndex"/>, no process) when
    /// it is a file that reader fully understands, else with ffprobe (<see cref="ProbeAsync"/>); null when neither can read it.
    /// </summary>
    public static async Task<ClipIndex?> ReadAsync(MediaTool tool, string file, int frameRate, CancellationToken cancellationToken)
    {
        try
        {
            if (await Mp4ClipIndex.ReadAsync(file, frameRate, cancellationToken) is { } index)
                return index;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // ffprobe reports what is wrong with the file.
        }

        return await ProbeAsync(tool, file, frameRate, cancellationToken);
    }

    /// <summary>Reads <paramref name="file"/> with ffprobe (packets only, no decoding); null when ffprobe fails or finds no video.</summary>
    public static async Task<ClipIndex?> ProbeAsync(MediaTool tool, string file, int frameRate, CancellationToken cancellationToken)
    {
        var result = await tool.FfprobeAsync(
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,pix_fmt,r_frame_rate:format_tags=comment:packet=pts_time,dts_time,flags",
             "-of", "json", file],
            VideoStages.Render, cancellationToken);
        return result.Succeeded ? Parse(result.StdOut, frameRate) : null;
    }

    internal static ClipIndex? Parse(string json, int frameRate)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (!root.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
            return null;
        var s = streams[0];
        string? tag = null;
        if (root.TryGetProperty("format", out var format) && format.TryGetProperty("tags", out var tags) && tags.TryGetProperty("comment", out var comment))
            tag = comment.GetString();
        var frames = 0;
        var keys = new List<ClipKeyFrame>();
        if (root.TryGetProperty("packets", out var packets))
        {
            foreach (var p in packets.EnumerateArray())
            {
                frames++;
                if (p.TryGetProperty("flags", out var flags) && (flags.GetString() ?? "").StartsWith('K')
                    && Seconds(p, "pts_time") is { } pts && Seconds(p, "dts_time") is { } dts)
                    keys.Add(new ClipKeyFrame((int)Math.Round(pts * frameRate), pts, dts));
            }
        }
        return new ClipIndex(
            Text(s, "codec_name"), s.TryGetProperty("width", out var w) ? w.GetInt32() : 0, s.TryGetProperty("height", out var h) ? h.GetInt32() : 0,
            Text(s, "pix_fmt"), Text(s, "r_frame_rate"), tag, frames, [.. keys.OrderBy(k => k.Frame)]);
    }

    /// <summary>Whether the clip can be copied into a delivery of this size and rate made with these settings.</summary>
    public bool Fits(string tag, int width, int height, int frameRate) =>
        Tag == tag && Codec == "h264" && Width == width && Height == height && PixelFormat == "yuv420p"
        && FrameRate == string.Create(CultureInfo.InvariantCulture, $"{frameRate}/1");

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";

    private static double? Seconds(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}

/// <summary>A key frame: its frame number and its presentation and decoding times.</summary>
public sealed record ClipKeyFrame(int Frame, double PtsSeconds, double DtsSeconds);
