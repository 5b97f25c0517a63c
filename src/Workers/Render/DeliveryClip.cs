using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;

namespace AiProd.Workers.Render;

/// <summary>
/// What makes a local clip joinable by stream copy (<see cref="ComposeMode.Copy"/>): encoded with the delivery
/// settings, tagged so the composer can tell, and with key frames where the composer is likely to cut it.
/// </summary>
internal static class DeliveryClip
{
    /// <summary>The container comment a copyable clip carries: the encoder settings and the picture it was made for.</summary>
    public static string Tag(RenderOptions settings, int width, int height, int frameRate) =>
        string.Create(CultureInfo.InvariantCulture, $"aiprod-delivery libx264 {settings.DeliveryPreset} crf {settings.DeliveryCrf} {width}x{height}@{frameRate}");

    /// <summary>
    /// Frames that start a closed GOP: where the shot's own visible part ends (its outgoing transition begins; rounded
    /// both ways, because the composer lays frames out from the running total), and where an incoming transition from a
    /// previous shot most likely ends (half a second, or a quarter of a shot as long as this one). A wrong guess costs
    /// only speed: the composer re-encodes up to the next key frame.
    /// </summary>
    public static IReadOnlyList<int> KeyFrames(Shot shot, int frames)
    {
        var fps = shot.Spec.FrameRate;
        var exact = shot.DurationSeconds * fps;
        int[] candidates =
        [
            (int)Math.Round(Transitions.MaxOverlapSeconds * fps, MidpointRounding.AwayFromZero),
            Transitions.OverlapFrames("dissolve", shot.DurationSeconds, fps),
            (int)Math.Round(exact, MidpointRounding.AwayFromZero),
            (int)Math.Ceiling(exact - 1e-6),
        ];
        return [.. candidates.Where(n => n > 0 && n < frames).Distinct().Order()];
    }

    /// <summary>x264 forces a key frame on the first frame at or after each time; half a frame early never misses it to rounding.</summary>
    public static string ForceKeyFramesArgument(IReadOnlyList<int> frames, int frameRate) =>
        string.Join(',', frames.Select(n => ((n - 0.5) / frameRate).ToString("0.######", CultureInfo.InvariantCulture)));
}
