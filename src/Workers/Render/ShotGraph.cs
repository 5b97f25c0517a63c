using AiProd.Contracts;
using static AiProd.Media.FilterEscaping;

namespace AiProd.Workers.Render;

/// <summary>
/// Builds the ffmpeg filter graph of one procedural shot. The expensive per-pixel maths (geq) runs on one frame
/// only; motion comes from cheap per-frame filters (scroll, overlay, zoompan) on a small canvas, and the result
/// is scaled up to the spec size before the caption is drawn sharp at full resolution.
/// </summary>
internal static class ShotGraph
{
    public static string Build(Shot shot, int frames, int canvasShortSide, string fontFile, string? captionFile)
    {
        var spec = shot.Spec;
        var fps = spec.FrameRate;
        var (cw, ch) = Canvas(spec.Width, spec.Height, canvasShortSide);
        var pattern = ShotLook.PatternExpression(spec.Pattern);
        var ramp = ShotLook.ChannelRamp(spec);
        string Channel(int i) => $"'{Num(ramp[i].A)}+{Num(ramp[i].B / 255)}*val'";

        var drift = ShotLook.DriftPerSecond(spec.MotionIntensity) / fps;
        var (dirH, dirV) = ShotLook.ScrollDirection(spec.Pattern);

        // The subject and the camera work at full resolution: positions are whole pixels, and on the small canvas a
        // slow move would stand still for several frames and then jump (judder). The subject circles at a constant
        // speed of at least 1.5 output pixels a frame, so no two frames are ever the same.
        var shortSide = Math.Min(spec.Width, spec.Height);
        var diameter = Math.Max(4, (int)Math.Round(2 * ShotLook.SubjectRadius(shot.Framing) * shortSide) / 2 * 2);
        var subject = ShotLook.SubjectColor(spec);
        var wander = (0.03 + 0.08 * Math.Clamp(spec.MotionIntensity, 0, 1)) * shortSide;
        var angular = Math.Max(1.3, 1.5 * fps / (0.6 * wander));
        var camera = CameraMove.For(shot.Movement, spec.MotionIntensity, frames);

        var graph =
            // Background: draw the tiled pattern once, repeat it, and let it drift.
            // geq is slow per pixel, so it computes one grey weight plane and a lookup table colours it.
            $"[0:v]format=gray,trim=end_frame=1,geq=lum='255*({pattern})',"
            + $"format=gbrp,lutrgb=r={Channel(0)}:g={Channel(1)}:b={Channel(2)},"
            + $"loop=loop=-1:size=1,trim=end_frame={frames},setpts=N/{fps}/TB,"
            + $"scroll=h={Num(drift * dirH)}:v={Num(drift * dirV)},"
            + $"scale={spec.Width}:{spec.Height}:flags=bicubic:out_color_matrix=bt709:out_range=tv,format=yuv420p[bg];"
            // Main element: a soft disc whose size follows the framing, circling around the centre.
            + $"color=c=black@0:s={diameter}x{diameter}:r={fps},format=rgba,trim=end_frame=1,"
            + $"geq=r={Num(subject.R)}:g={Num(subject.G)}:b={Num(subject.B)}:a='255*clip((W/2-hypot(X-W/2,Y-H/2))/(0.15*W),0,1)',"
            + $"loop=loop=-1:size=1,trim=end_frame={frames},setpts=N/{fps}/TB[subject];"
            + $"[bg][subject]overlay=format=yuv420:eval=frame"
            + $":x='(W-w)/2+{Num(wander)}*sin(t*{Num(angular)})':y='(H-h)/2+{Num(wander * 0.6)}*cos(t*{Num(angular)})',"
            // Camera: a moving window over the frame.
            + $"zoompan=z='{camera.Zoom}':x='{camera.X}':y='{camera.Y}':d=1:s={spec.Width}x{spec.Height}:fps={fps},"
            + "format=yuv420p,setsar=1";

        if (captionFile is not null)
        {
            var size = Math.Max(12, Math.Min(spec.Width, spec.Height) / 16);
            graph += $",drawtext=fontfile={OptionValue(fontFile)}:textfile={OptionValue(captionFile)}:expansion=none"
                + $":fontsize={size}:fontcolor=white:line_spacing={size / 4}:box=1:boxcolor=black@0.35:boxborderw={size / 3}"
                + $":x=(w-text_w)/2:y=h-text_h-h/12:fix_bounds=1";
        }

        return graph + "[v]";
    }

    /// <summary>The lavfi source the graph starts from (input 0): a black canvas at the shot's frame rate.</summary>
    public static string Source(ShotSpec spec, int canvasShortSide)
    {
        var (cw, ch) = Canvas(spec.Width, spec.Height, canvasShortSide);
        return $"color=c=black:s={cw}x{ch}:r={spec.FrameRate}";
    }

    /// <summary>The drawing canvas: the spec's aspect with the given short side, never larger than the spec.</summary>
    internal static (int Width, int Height) Canvas(int width, int height, int shortSide)
    {
        var scale = Math.Min(1.0, (double)shortSide / Math.Min(width, height));
        static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
        return (Even(width * scale), Even(height * scale));
    }

    /// <summary>Wraps a caption to lines that fit the frame, at most three, so drawtext never runs off the edge.</summary>
    internal static string WrapCaption(string caption, int width, int height)
    {
        var size = Math.Max(12, Math.Min(width, height) / 16);
        var perLine = Math.Max(8, (int)(width * 0.9 / (size * 0.6)));
        var words = new string(caption.Select(c => char.IsControl(c) ? ' ' : c).ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string>();
        var line = "";
        foreach (var word in words)
        {
            var w = word.Length > perLine ? word[..perLine] : word;
            if (line.Length > 0 && line.Length + 1 + w.Length > perLine)
            {
                lines.Add(line);
                line = "";
            }
            line = line.Length == 0 ? w : $"{line} {w}";
        }
        if (line.Length > 0)
            lines.Add(line);
        if (lines.Count > 3)
            lines = [lines[0], lines[1], lines[2].Length + 1 > perLine ? lines[2][..(perLine - 1)] + "…" : lines[2] + "…"];
        return string.Join('\n', lines);
    }
}
