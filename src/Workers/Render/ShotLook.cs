using System.Globalization;
using AiProd.Contracts;

namespace AiProd.Workers.Render;

/// <summary>
/// Turns a shot's words (pattern, framing, colours, brightness) into the numbers the filter graph draws with.
/// Pure and separate from the graph text so the mapping can be read and tested on its own.
/// </summary>
internal static class ShotLook
{
    /// <summary>Lowest channel value the picture may reach: keeps even a "black" palette above blackdetect's 10 % luma floor.</summary>
    internal const double Floor = 36;

    /// <summary>Pattern weight p(X,Y) in 0..1 on a canvas of W×H; every pattern tiles, so scrolling never shows a seam.</summary>
    public static string PatternExpression(string pattern) => (pattern ?? "").Trim().ToLowerInvariant() switch
    {
        "waves" => "0.5+0.5*sin(2*PI*2*X/W+1.6*sin(2*PI*Y/H))",
        "bars" => "clip(0.5+1.6*sin(2*PI*6*X/W),0,1)",
        "rings" => "0.5+0.5*cos(2*PI*4*hypot(cos(PI*X/W),cos(PI*Y/H)*H/W))",
        "particles" => "clip(clip((sin(2*PI*8*X/W)*sin(2*PI*5*Y/H)-0.8)*6,0,1)+clip((sin(2*PI*13*X/W+1)*sin(2*PI*7*Y/H+2)-0.85)*6,0,1),0,1)",
        _ => "0.5+0.5*sin(2*PI*(X/W+Y/H))",
    };

    /// <summary>Direction of the pattern's drift, as a fraction of the scroll speed on each axis.</summary>
    public static (double H, double V) ScrollDirection(string pattern) => (pattern ?? "").Trim().ToLowerInvariant() switch
    {
        "waves" or "bars" => (1, 0),
        "rings" => (0.5, 0.3),
        "particles" => (0.2, -1),
        _ => (0.7, 0.4),
    };

    /// <summary>Radius of the main element as a fraction of the frame's short side: the closer the framing, the bigger the subject.</summary>
    public static double SubjectRadius(string framing) => (framing ?? "").Trim().ToLowerInvariant() switch
    {
        "extreme wide" => 0.08,
        "wide" => 0.14,
        "close-up" => 0.32,
        "extreme close-up" => 0.44,
        _ => 0.22,
    };

    /// <summary>Exposure gain: 0.2 brightness still leaves about half the range, so dark shots stay visible.</summary>
    public static double Gain(double brightness) => 0.35 + 0.65 * Math.Clamp(brightness, 0, 1);

    /// <summary>Canvas fraction per second the pattern drifts; never zero, so no shot can freeze.</summary>
    public static double DriftPerSecond(double motionIntensity) => 0.03 + 0.17 * Math.Clamp(motionIntensity, 0, 1);

    /// <summary>
    /// Least luma swing (of 255) between the two ends of the background's ramp. Two close colours (two oranges at golden
    /// hour) would otherwise draw a pattern that moves without anyone seeing it: the frame-to-frame change falls under
    /// semantic QA's "static" floor and a whole scene reads as a still, so the video goes round again.
    /// </summary>
    internal const double MinSwing = 48;

    /// <summary>
    /// Channel value = A + B·p for each of r, g, b: a blend from primary to secondary over the floor. When the two ends'
    /// luma differ by less than <see cref="MinSwing"/>, the secondary end moves away from the primary by the same amount
    /// on every channel (its hue stays), towards the side with room for it, and if that is not enough the primary end
    /// moves the other way.
    /// </summary>
    public static (double A, double B)[] ChannelRamp(ShotSpec spec)
    {
        var primary = ParseColor(spec.PrimaryColor, (64, 96, 160));
        var secondary = ParseColor(spec.SecondaryColor, (224, 160, 96));
        var scale = Gain(spec.Brightness) * (255 - Floor - 22) / 255;
        double[] a = [Floor + primary.R * scale, Floor + primary.G * scale, Floor + primary.B * scale];
        double[] b = [22 + (secondary.R - primary.R) * scale, 22 + (secondary.G - primary.G) * scale, 22 + (secondary.B - primary.B) * scale];
        var swing = Luma(b[0], b[1], b[2]);
        if (Math.Abs(swing) < MinSwing)
        {
            // Room to lift or lower the secondary end before a channel leaves [Floor, 255].
            var up = 255 - Enumerable.Range(0, 3).Max(i => a[i] + b[i]);
            var down = Enumerable.Range(0, 3).Min(i => a[i] + b[i]) - Floor;
            double Clamp(double d) => d >= 0 ? Math.Min(d, Math.Max(0, up)) : -Math.Min(-d, Math.Max(0, down));
            // Away from the primary on the side the palette already leans to, unless only the other side has room.
            var (preferred, other) = swing >= 0 ? (MinSwing - swing, -MinSwing - swing) : (-MinSwing - swing, MinSwing - swing);
            var shift = Math.Abs(swing + Clamp(preferred)) >= Math.Abs(swing + Clamp(other)) ? Clamp(preferred) : Clamp(other);
            for (var i = 0; i < 3; i++)
                b[i] += shift;

            // Still short (a pale colour near white, a dark one near the floor): the primary end moves the other way.
            swing += shift;
            var primaryRoom = swing >= 0 ? a.Min() - Floor : 255 - a.Max();
            var away = Math.Sign(swing >= 0 ? -1 : 1) * Math.Min(Math.Max(0, MinSwing - Math.Abs(swing)), Math.Max(0, primaryRoom));
            for (var i = 0; i < 3; i++)
                (a[i], b[i]) = (a[i] + away, b[i] - away);
        }

        return [(a[0], b[0]), (a[1], b[1]), (a[2], b[2])];
    }

    /// <summary>BT.709 luma, the matrix the shot graph converts the drawn picture to YUV with.</summary>
    internal static double Luma(double r, double g, double b) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

    /// <summary>The main element's colour: the secondary colour lifted halfway to white.</summary>
    public static (double R, double G, double B) SubjectColor(ShotSpec spec)
    {
        var s = ParseColor(spec.SecondaryColor, (224, 160, 96));
        var g = Gain(spec.Brightness) * 0.75;
        return (60 + (s.R + 255) / 2.0 * g, 60 + (s.G + 255) / 2.0 * g, 60 + (s.B + 255) / 2.0 * g);
    }

    internal static (int R, int G, int B) ParseColor(string? hex, (int R, int G, int B) fallback)
    {
        var text = (hex ?? "").Trim().TrimStart('#');
        return text.Length == 6 && int.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)
            ? ((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff)
            : fallback;
    }
}
