using AiProd.Contracts;

namespace AiProd.Workers.Common;

/// <summary>
/// The aspect ratios a request is delivered in, and where each one's file sits beside the master: the master is the
/// rendered, composed video ("composed-a1.mp4"); each other format is a reframed copy stored under the master's name with
/// its ratio ("composed-a1.9x16.mp4"), so QA and delivery find every format from the master's URI alone.
/// </summary>
public static class DeliveryFormats
{
    public const string Master = "master";
    public const string Crop = "crop";
    public const string BlurPad = "blur-pad";

    /// <summary>The master's ratio first, then the other requested ones in request order, each once.</summary>
    public static IReadOnlyList<string> Of(VideoRequest request) =>
        [.. new[] { request.AspectRatio }.Concat(request.Formats ?? []).Distinct(StringComparer.Ordinal)];

    /// <summary>The formats reframed from the master (every one but the master's).</summary>
    public static IReadOnlyList<string> Extra(VideoRequest request) => [.. Of(request).Skip(1)];

    /// <summary>"9:16" → "9x16": the ratio as it appears in file names.</summary>
    public static string FileTag(string aspectRatio) => aspectRatio.Replace(':', 'x');

    /// <summary>The URI (or store name) of the <paramref name="aspectRatio"/> copy of the video at <paramref name="videoUri"/>.</summary>
    public static string Variant(string videoUri, string aspectRatio) =>
        NarrationAssets.Sidecar(videoUri, $".{FileTag(aspectRatio)}.mp4");

    /// <summary>
    /// How a format is cut from the master: the largest centred window of the target shape when it keeps at least half
    /// of the master's picture (16:9 → 1:1 keeps 56 %), otherwise the whole master scaled to fit over a blurred,
    /// zoomed copy of itself (16:9 → 9:16 would keep only 32 %).
    /// </summary>
    public static string ReframeFor(string masterAspect, string targetAspect)
    {
        if (string.Equals(masterAspect, targetAspect, StringComparison.Ordinal))
            return Master;
        var master = Ratio(masterAspect);
        var target = Ratio(targetAspect);
        var kept = Math.Min(master, target) / Math.Max(master, target);
        return kept >= 0.5 ? Crop : BlurPad;
    }

    /// <summary>Width over height of "W:H".</summary>
    public static double Ratio(string aspectRatio)
    {
        var parts = aspectRatio.Split(':');
        return double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) / double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
