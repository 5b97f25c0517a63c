namespace AiProd.Workers.Qa.Consistency;

/// <summary>
/// Structural similarity (Wang et al. 2004) of two grey frames of one size: the mean over 8×8 windows (stride 4) of
/// ((2μxμy + C1)(2σxy + C2)) / ((μx² + μy² + C1)(σx² + σy² + C2)), C1 = (0.01·255)², C2 = (0.03·255)². 1 for identical frames.
/// </summary>
public static class Ssim
{
    private const int Window = 8;
    private const int Stride = 4;
    private const double C1 = 0.01 * 255 * 0.01 * 255;
    private const double C2 = 0.03 * 255 * 0.03 * 255;

    public static double Compute(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, int width, int height)
    {
        if (x.Length != width * height || y.Length != x.Length)
            throw new ArgumentException("Both frames must be width × height grey pixels.");
        var total = 0.0;
        var windows = 0;
        for (var top = 0; top + Window <= height; top += Stride)
        {
            for (var left = 0; left + Window <= width; left += Stride)
            {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (var row = top; row < top + Window; row++)
                {
                    for (var col = left; col < left + Window; col++)
                    {
                        double a = x[row * width + col], b = y[row * width + col];
                        sx += a;
                        sy += b;
                        sxx += a * a;
                        syy += b * b;
                        sxy += a * b;
                    }
                }
                const double n = Window * Window;
                double mx = sx / n, my = sy / n;
                double vx = sxx / n - mx * mx, vy = syy / n - my * my, cov = sxy / n - mx * my;
                total += (2 * mx * my + C1) * (2 * cov + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                windows++;
            }
        }
        return windows == 0 ? 1 : total / windows;
    }

    /// <summary>Rec. 601 luma of an RGB24 frame.</summary>
    public static byte[] Grey(ReadOnlySpan<byte> rgb)
    {
        var grey = new byte[rgb.Length / 3];
        for (var i = 0; i < grey.Length; i++)
            grey[i] = (byte)Math.Clamp((int)Math.Round(0.299 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2]), 0, 255);
        return grey;
    }

    /// <summary>Mean absolute difference of two grey frames, 0–255: the motion energy between them.</summary>
    public static double MeanAbsoluteDifference(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        long sum = 0;
        for (var i = 0; i < x.Length; i++)
            sum += Math.Abs(x[i] - y[i]);
        return x.Length == 0 ? 0 : (double)sum / x.Length;
    }
}
