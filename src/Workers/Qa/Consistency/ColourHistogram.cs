namespace AiProd.Workers.Qa.Consistency;

/// <summary>
/// A normalised HSV colour histogram (8 hue × 4 saturation × 4 value bins) of RGB24 frames, and the distances between
/// two of them. Greys (saturation below 1/8) all fall in hue bin 0, so a grey picture is not scattered over hues.
/// </summary>
public sealed class ColourHistogram
{
    public const int HueBins = 8;
    public const int SaturationBins = 4;
    public const int ValueBins = 4;
    public const int Bins = HueBins * SaturationBins * ValueBins;

    private readonly double[] _counts = new double[Bins];
    private double _total;

    /// <summary>The share of pixels in each bin (sums to 1 once anything was added).</summary>
    public IReadOnlyList<double> Shares => _total == 0 ? _counts : [.. _counts.Select(c => c / _total)];

    /// <summary>Adds every pixel of an RGB24 frame.</summary>
    public void Add(ReadOnlySpan<byte> rgb)
    {
        for (var i = 0; i + 2 < rgb.Length; i += 3)
        {
            _counts[Bin(rgb[i], rgb[i + 1], rgb[i + 2])]++;
            _total++;
        }
    }

    /// <summary>The bin of one pixel.</summary>
    public static int Bin(byte r, byte g, byte b)
    {
        int max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b));
        var value = max / 255.0;
        var saturation = max == 0 ? 0 : (max - min) / (double)max;
        var hue = 0.0;
        if (max != min)
        {
            double d = max - min;
            hue = max == r ? (g - b) / d : max == g ? 2 + (b - r) / d : 4 + (r - g) / d;
            hue = (hue * 60 + 360) % 360;
        }
        var h = saturation < 0.125 ? 0 : Math.Min(HueBins - 1, (int)(hue / 360 * HueBins));
        var s = Math.Min(SaturationBins - 1, (int)(saturation * SaturationBins));
        var v = Math.Min(ValueBins - 1, (int)(value * ValueBins));
        return (h * SaturationBins + s) * ValueBins + v;
    }

    /// <summary>Bhattacharyya distance √(1 − Σ √(pᵢqᵢ)) of two normalised histograms: 0 identical, 1 no colour in common.</summary>
    public static double Bhattacharyya(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var coefficient = 0.0;
        for (var i = 0; i < p.Count; i++)
            coefficient += Math.Sqrt(p[i] * q[i]);
        return Math.Sqrt(Math.Max(0, 1 - Math.Min(1, coefficient)));
    }

    /// <summary>Symmetric χ² distance ½ Σ (pᵢ − qᵢ)² / (pᵢ + qᵢ) of two normalised histograms: 0 identical, 1 disjoint.</summary>
    public static double ChiSquare(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            var total = p[i] + q[i];
            if (total > 0)
                sum += (p[i] - q[i]) * (p[i] - q[i]) / total;
        }
        return sum / 2;
    }

    /// <summary>The bin-wise mean of several normalised histograms (the palette of a whole video).</summary>
    public static double[] Mean(IReadOnlyList<IReadOnlyList<double>> histograms)
    {
        var mean = new double[Bins];
        foreach (var h in histograms)
        {
            for (var i = 0; i < Bins; i++)
                mean[i] += h[i] / histograms.Count;
        }
        return mean;
    }
}
