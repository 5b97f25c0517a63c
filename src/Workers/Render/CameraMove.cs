using static AiProd.Media.FilterEscaping;

namespace AiProd.Workers.Render;

/// <summary>
/// A camera movement as zoompan expressions of the output frame number <c>on</c> over the shot's
/// frames. The canvas is always viewed at a zoom above 1 so there is margin to move the window inside it.
/// </summary>
internal sealed record CameraMove(string Zoom, string X, string Y)
{
    public static CameraMove For(string movement, double motionIntensity, int frames)
    {
        var k = Num(0.6 + 0.4 * Math.Clamp(motionIntensity, 0, 1));
        var u = $"(on/{Math.Max(1, frames - 1)})";
        const string centerX = "(iw-iw/zoom)/2";
        const string centerY = "(ih-ih/zoom)/2";
        // Fractions of the free margin: 0.5 is centred; the sweep goes 0.5±k/2.
        string Sweep(string margin, bool forward) => forward
            ? $"({margin})*(0.5-0.5*{k}+{k}*{u})"
            : $"({margin})*(0.5+0.5*{k}-{k}*{u})";

        return (movement ?? "").Trim().ToLowerInvariant() switch
        {
            // Panning left moves the view window towards the left edge of the canvas.
            "pan left" => new("1.2", Sweep("iw-iw/zoom", forward: false), centerY),
            "pan right" => new("1.2", Sweep("iw-iw/zoom", forward: true), centerY),
            "tilt up" => new("1.2", centerX, Sweep("ih-ih/zoom", forward: false)),
            "tilt down" => new("1.2", centerX, Sweep("ih-ih/zoom", forward: true)),
            "push in" => new($"1.1+0.4*{k}*{u}", centerX, centerY),
            "pull out" => new($"1.1+0.4*{k}*(1-{u})", centerX, centerY),
            "orbit" => new("1.25", $"(iw-iw/zoom)*(0.5+0.4*cos(2*PI*{u}))", $"(ih-ih/zoom)*(0.5+0.4*sin(2*PI*{u}))"),
            "handheld" => new(
                "1.2",
                $"(iw-iw/zoom)*(0.5+{k}*(0.16*sin(on*0.45)+0.08*sin(on*1.7)))",
                $"(ih-ih/zoom)*(0.5+{k}*(0.16*sin(on*0.61+1)+0.08*sin(on*1.3)))"),
            _ => new("1.2", centerX, centerY),
        };
    }
}
