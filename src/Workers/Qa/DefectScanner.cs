using System.Globalization;
using System.Text.RegularExpressions;
using AiProd.Contracts;

namespace AiProd.Workers.Qa;

/// <summary>Black, frozen and silent segments found in one decode of the file.</summary>
/// <param name="Defects">Every segment, not yet judged blocking or not.</param>
/// <param name="DecodeErrors">Error lines the decoder printed (corrupt or truncated data).</param>
/// <param name="IntegratedLufs">EBU R128 integrated loudness of the audio track (null without one).</param>
/// <param name="Momentary">EBU R128 momentary loudness (400 ms window) every 100 ms: time and LUFS.</param>
internal sealed record DefectScan(
    IReadOnlyList<QaDefect> Defects, IReadOnlyList<string> DecodeErrors, double? IntegratedLufs = null, IReadOnlyList<(double Time, double Lufs)>? Momentary = null);

/// <summary>
/// Reads what blackdetect + freezedetect on the video and silencedetect + ebur128 (loudness) on the audio print; they
/// run in <see cref="QaPass"/>'s one decode.
/// </summary>
internal static partial class DefectScanner
{
    /// <summary>The "I: -14.0 LUFS" line of ebur128's summary; the last one wins.</summary>
    internal static double? Integrated(string log)
    {
        double? value = null;
        foreach (Match m in IntegratedLine().Matches(log))
            value = Parse(m.Groups[1].Value);
        return value;
    }

    /// <summary>ametadata's "pts_time:t" / "lavfi.r128.M=v" pairs.</summary>
    internal static IReadOnlyList<(double Time, double Lufs)> MomentarySeries(string output)
    {
        var series = new List<(double, double)>();
        double? time = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (Value(line, "pts_time:") is { } t)
                time = t;
            else if (line.StartsWith("lavfi.r128.M=", StringComparison.Ordinal) && time is { } at
                && double.TryParse(line["lavfi.r128.M=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
                series.Add((at, m));
        }
        return series;
    }

    /// <summary>Reads the filters' log lines. A start without an end runs to the end of its stream.</summary>
    internal static DefectScan Parse(string log, double videoSeconds, double audioSeconds)
    {
        var defects = new List<QaDefect>();
        var errors = new List<string>();
        double? freezeStart = null, silenceStart = null;
        foreach (var raw in log.Split('\n'))
        {
            var line = raw.Trim();
            if (BlackLine().Match(line) is { Success: true } black)
            {
                var start = Parse(black.Groups[1].Value);
                defects.Add(new QaDefect("black", start, Parse(black.Groups[2].Value) - start, Blocking: false));
            }
            else if (Value(line, "freeze_start:") is { } fs)
                freezeStart = fs;
            else if (Value(line, "freeze_end:") is { } fe && freezeStart is { } f)
            {
                defects.Add(new QaDefect("frozen", f, fe - f, Blocking: false));
                freezeStart = null;
            }
            else if (Value(line, "silence_start:") is { } ss)
                silenceStart = ss;
            else if (Value(line, "silence_end:") is { } se && silenceStart is { } s)
            {
                defects.Add(new QaDefect("silence", Math.Max(0, s), se - Math.Max(0, s), Blocking: false));
                silenceStart = null;
            }
            else if (line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("corrupt", StringComparison.OrdinalIgnoreCase)
                || line.Contains("Invalid NAL", StringComparison.OrdinalIgnoreCase) || line.Contains("partial file", StringComparison.OrdinalIgnoreCase))
                errors.Add(line);
        }

        // freezedetect and silencedetect print no end when the segment lasts to the end of the stream.
        if (freezeStart is { } openFreeze)
            defects.Add(new QaDefect("frozen", openFreeze, Math.Max(0, videoSeconds - openFreeze), Blocking: false));
        if (silenceStart is { } openSilence)
            defects.Add(new QaDefect("silence", Math.Max(0, openSilence), Math.Max(0, audioSeconds - Math.Max(0, openSilence)), Blocking: false));
        return new DefectScan(defects, errors);
    }

    private static double? Value(string line, string key)
    {
        var at = line.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
            return null;
        var rest = line[(at + key.Length)..].TrimStart();
        var end = rest.IndexOfAny([' ', '|']);
        return double.TryParse(end < 0 ? rest : rest[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*I:\s*(-?[0-9.]+)\s*LUFS", RegexOptions.Multiline)]
    private static partial Regex IntegratedLine();

    [GeneratedRegex(@"black_start:\s*([-0-9.e+]+)\s+black_end:\s*([-0-9.e+]+)")]
    private static partial Regex BlackLine();
}
