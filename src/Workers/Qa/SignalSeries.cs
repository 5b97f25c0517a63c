using System.Globalization;

namespace AiProd.Workers.Qa;

/// <summary>Per-frame measurements from one analysis decode, in frame order.</summary>
internal sealed class SignalSeries
{
    public List<double> Time { get; } = [];
    public List<double> LumaMean { get; } = [];
    public List<double> LumaDiff { get; } = [];
    public List<double> LumaSpread { get; } = [];
    public List<double> TemporalInfo { get; } = [];
    public List<double> SpatialInfo { get; } = [];
    public List<double> Blur { get; } = [];
    public List<double> AdjacentSsim { get; } = [];
    public List<double> Cuts { get; } = [];

    public int Frames => Time.Count;

    /// <summary>Frames apart of the <see cref="SpatialInfo"/> and <see cref="Blur"/> samples (1: every frame).</summary>
    public int DetailEvery { get; private set; } = 1;

    /// <summary>
    /// Takes detail and blur (and, measured on every frame, TI) from <paramref name="detail"/>: the same filters run on
    /// every <paramref name="every"/>th frame. TI compares a frame with the one before it, so a sampled run keeps none.
    /// </summary>
    public void AddDetail(SignalSeries detail, int every)
    {
        DetailEvery = every;
        SpatialInfo.AddRange(detail.SpatialInfo);
        Blur.AddRange(detail.Blur);
        if (every == 1)
            TemporalInfo.AddRange(detail.TemporalInfo);
    }

    /// <summary>Parses <c>metadata=print</c> output: a "frame:N pts:… pts_time:T" line, then key=value lines.</summary>
    public static SignalSeries Parse(string text)
    {
        var s = new SignalSeries();
        double low = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("frame:", StringComparison.Ordinal))
            {
                var at = line.IndexOf("pts_time:", StringComparison.Ordinal);
                s.Time.Add(at < 0 ? s.Frames : Number(line[(at + 9)..]) ?? s.Frames);
                continue;
            }
            var eq = line.IndexOf('=');
            if (eq < 0 || s.Frames == 0 || Number(line[(eq + 1)..]) is not { } value)
                continue;
            switch (line[..eq])
            {
                case "lavfi.signalstats.YAVG": s.LumaMean.Add(value); break;
                case "lavfi.signalstats.YDIF": s.LumaDiff.Add(value); break;
                case "lavfi.signalstats.YLOW": low = value; break;
                case "lavfi.signalstats.YHIGH": s.LumaSpread.Add(value - low); break;
                case "lavfi.siti.ti": s.TemporalInfo.Add(value); break;
                case "lavfi.siti.si": s.SpatialInfo.Add(value); break;
                case "lavfi.blur": s.Blur.Add(value); break;
                case "lavfi.ssim.All": s.AdjacentSsim.Add(value); break;
                case "lavfi.scd.time": s.Cuts.Add(value); break;
            }
        }
        return s;
    }

    private static double? Number(string text)
    {
        var t = text.Trim();
        var end = t.IndexOf(' ');
        return double.TryParse(end < 0 ? t : t[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
    }
}
