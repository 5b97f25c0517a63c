using System.Globalization;
using System.Text;
using AiProd.Contracts;

namespace AiProd.Workers.Render.Narration;

/// <summary>SubRip (.srt) and WebVTT (.vtt) from the narration cues: the subtitles say what the voice says, when it says it.</summary>
public static class SubtitleWriter
{
    public static string Srt(IReadOnlyList<NarrationCue> cues)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cues.Count; i++)
        {
            sb.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(Time(cues[i].StartSeconds, ',')).Append(" --> ").Append(Time(cues[i].EndSeconds, ',')).Append('\n')
                .Append(OneLine(cues[i].Text)).Append("\n\n");
        }
        return sb.ToString();
    }

    public static string WebVtt(IReadOnlyList<NarrationCue> cues)
    {
        var sb = new StringBuilder("WEBVTT\n\n");
        foreach (var cue in cues)
        {
            // "-->" inside a cue's text would end its timing line; & and < are markup in WebVTT.
            var text = OneLine(cue.Text).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace("-->", "->", StringComparison.Ordinal);
            sb.Append(Time(cue.StartSeconds, '.')).Append(" --> ").Append(Time(cue.EndSeconds, '.')).Append('\n').Append(text).Append("\n\n");
        }
        return sb.ToString();
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Time(double seconds, char separator)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(Math.Max(0, seconds) * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{separator}{t.Milliseconds:000}");
    }
}
