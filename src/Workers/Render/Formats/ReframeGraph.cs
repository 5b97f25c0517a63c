using System.Text;
using AiProd.Workers.Common;
using static AiProd.Media.FilterEscaping;

namespace AiProd.Workers.Render.Formats;

/// <summary>The filter graph ([vout]) that turns the master's frames into another format's.</summary>
internal static class ReframeGraph
{
    /// <summary>A burned-in subtitle: the file holding its wrapped text and when it shows.</summary>
    internal sealed record Subtitle(string TextFile, double Start, double End);

    public static string Build(string method, FrameSize master, FrameSize target, IReadOnlyList<Subtitle> subtitles, string fontFile)
    {
        var (w, h) = (target.Width, target.Height);
        var graph = new StringBuilder();
        switch (method)
        {
            case DeliveryFormats.Crop:
                // The largest centred window of the target's shape, then scaled to the target size.
                var (cw, ch) = Window(master, target);
                graph.Append($"[0:v]crop={cw}:{ch}:(iw-{cw})/2:(ih-{ch})/2,scale={w}:{h},setsar=1");
                break;
            case DeliveryFormats.BlurPad:
                // The whole master, fitted; the bars filled with a zoomed, blurred copy of itself.
                graph.Append("[0:v]split=2[bgin][fgin];")
                    .Append($"[bgin]scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h},boxblur=luma_radius=24:luma_power=2,eq=brightness=-0.08[bg];")
                    .Append($"[fgin]scale={w}:{h}:force_original_aspect_ratio=decrease,setsar=1[fg];")
                    .Append("[bg][fg]overlay=(W-w)/2:(H-h)/2,setsar=1");
                break;
            default:
                graph.Append($"[0:v]scale={w}:{h},setsar=1");
                break;
        }

        graph.Append(",format=yuv420p");
        var size = Math.Max(12, Math.Min(w, h) / 16);
        foreach (var sub in subtitles)
        {
            graph.Append($",drawtext=fontfile={OptionValue(fontFile)}:textfile={OptionValue(sub.TextFile)}:expansion=none")
                .Append($":fontsize={size}:fontcolor=white:line_spacing={size / 4}:box=1:boxcolor=black@0.5:boxborderw={size / 3}")
                .Append($":x=(w-text_w)/2:y=h-text_h-h/12:fix_bounds=1:enable='between(t,{Num(sub.Start)},{Num(sub.End)})'");
        }

        return graph.Append("[vout]").ToString();
    }

    /// <summary>The largest window of the target's aspect inside the master, in even pixels (yuv420p).</summary>
    internal static (int Width, int Height) Window(FrameSize master, FrameSize target)
    {
        var targetRatio = (double)target.Width / target.Height;
        var masterRatio = (double)master.Width / master.Height;
        var (cw, ch) = targetRatio < masterRatio
            ? ((int)(master.Height * targetRatio), master.Height)
            : (master.Width, (int)(master.Width / targetRatio));
        return (cw & ~1, ch & ~1);
    }
}
