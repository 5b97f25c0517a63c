using System.Globalization;
using System.Text.Json;
using AiProd.Workers.Common;

namespace AiProd.Media;

/// <summary>ffprobe as a typed call: streams, format, tags and, on request, a decode-everything frame count.</summary>
public sealed class MediaProbe(MediaTool tool)
{
    /// <summary>Probes <paramref name="file"/>; returns null with ffprobe's complaint when the file is not readable media.</summary>
    public async Task<(MediaInfo? Info, string? Error)> ProbeAsync(string file, bool countFrames, string stage, CancellationToken cancellationToken)
    {
        List<string> args = ["-v", "error"];
        if (countFrames)
            args.AddRange(["-count_frames", "-select_streams", "v:0"]);
        args.AddRange(["-show_format", "-show_streams", "-of", "json", file]);
        var result = await tool.FfprobeAsync(args, stage, cancellationToken);
        if (!result.Succeeded)
            return (null, result.ErrorTail(2));
        try
        {
            return (Parse(result.StdOut), null);
        }
        catch (JsonException ex)
        {
            return (null, $"ffprobe printed unreadable output: {ex.Message}");
        }
    }

    /// <summary>The measured duration of a clip, preferring the video stream's own length.</summary>
    public async Task<double> DurationAsync(string file, string stage, CancellationToken cancellationToken)
    {
        var (info, error) = await ProbeAsync(file, countFrames: false, stage, cancellationToken);
        return info?.Video?.DurationSeconds ?? info?.DurationSeconds
            ?? throw new StepException(stage, "probe_failed", $"Could not read the duration of {Path.GetFileName(file)}: {error}", retryable: true);
    }

    internal static MediaInfo Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f : default;
        VideoStreamInfo? video = null;
        AudioStreamInfo? audio = null;
        if (root.TryGetProperty("streams", out var streams))
        {
            foreach (var s in streams.EnumerateArray())
            {
                var type = Str(s, "codec_type");
                if (type == "video" && video is null)
                    video = new VideoStreamInfo(
                        Str(s, "codec_name") ?? "unknown",
                        (int)(Long(s, "width") ?? 0),
                        (int)(Long(s, "height") ?? 0),
                        Rate(Str(s, "avg_frame_rate")) is > 0 and var avg ? avg : Rate(Str(s, "r_frame_rate")),
                        Str(s, "pix_fmt") ?? "unknown",
                        Str(s, "color_space"),
                        Str(s, "profile"),
                        Long(s, "bit_rate"),
                        Dbl(s, "duration"),
                        Long(s, "nb_read_frames"),
                        TagsOf(s));
                else if (type == "audio" && audio is null)
                    audio = new AudioStreamInfo(
                        Str(s, "codec_name") ?? "unknown", (int)(Long(s, "sample_rate") ?? 0), (int)(Long(s, "channels") ?? 0), Dbl(s, "duration"));
            }
        }

        var tags = format.ValueKind == JsonValueKind.Object ? TagsOf(format) : new Dictionary<string, string>();

        return format.ValueKind == JsonValueKind.Object
            ? new MediaInfo(Str(format, "format_name") ?? "unknown", Dbl(format, "duration"), Long(format, "size") ?? 0, Long(format, "bit_rate"), tags, video, audio)
            : new MediaInfo("unknown", null, 0, null, tags, video, audio);
    }

    private static Dictionary<string, string> TagsOf(JsonElement e)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (e.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
            foreach (var p in t.EnumerateObject())
                tags[p.Name] = p.Value.ToString();
        return tags;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : null;

    private static long? Long(JsonElement e, string name) =>
        long.TryParse(Str(e, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static double? Dbl(JsonElement e, string name) =>
        double.TryParse(Str(e, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static double Rate(string? fraction)
    {
        var parts = (fraction ?? "").Split('/');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0
            ? n / d
            : 0;
    }
}
