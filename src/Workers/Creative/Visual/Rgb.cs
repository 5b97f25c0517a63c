using System.Globalization;

namespace AiProd.Workers.Creative.Visual;

/// <summary>Small arithmetic on "#rrggbb" colours.</summary>
public static class Rgb
{
    /// <summary>Blends <paramref name="color"/> toward <paramref name="target"/> by <paramref name="amount"/> (0–1).</summary>
    public static string Mix(string color, string target, double amount)
    {
        var a = Parse(color);
        var b = Parse(target);
        int Blend(int x, int y) => (int)Math.Round(x + ((y - x) * Math.Clamp(amount, 0, 1)), MidpointRounding.AwayFromZero);
        return Format(Blend(a.R, b.R), Blend(a.G, b.G), Blend(a.B, b.B));
    }

    /// <summary>Relative luminance (Rec. 709 weights, no gamma), 0–1; enough to tell the darker of two colours.</summary>
    public static double Luminance(string color)
    {
        var (r, g, b) = Parse(color);
        return ((0.2126 * r) + (0.7152 * g) + (0.0722 * b)) / 255;
    }

    public static (int R, int G, int B) Parse(string color)
    {
        if (color.Length != 7 || color[0] != '#')
            throw new FormatException($"'{color}' is not a #rrggbb colour.");
        int Channel(int start) => int.Parse(color.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (Channel(1), Channel(3), Channel(5));
    }

    public static string Format(int r, int g, int b) => $"#{r:x2}{g:x2}{b:x2}";
}
