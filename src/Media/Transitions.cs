namespace AiProd.Media;

/// <summary>
/// How long two shots overlap for a transition. The renderer renders that much extra at the end of a shot and
/// the composer overlaps it with the next one, so both must use these numbers.
/// </summary>
public static class Transitions
{
    /// <summary>The transitions a shot may end with.</summary>
    public static readonly IReadOnlyList<string> Names = ["cut", "fade", "dissolve", "wipe", "slide"];

    /// <summary>Longest overlap, in seconds.</summary>
    public const double MaxOverlapSeconds = 0.5;

    /// <summary>Overlap in seconds: none for a cut (or anything unknown), else half a second or a quarter of the shot, whichever is shorter.</summary>
    public static double OverlapSeconds(string transition, double visibleSeconds) =>
        IsCut(transition) ? 0 : Math.Min(MaxOverlapSeconds, Math.Max(0, visibleSeconds) / 4);

    /// <summary>The overlap in whole frames, which is what the clips and the xfade offsets actually use.</summary>
    public static int OverlapFrames(string transition, double visibleSeconds, int frameRate) =>
        (int)Math.Round(OverlapSeconds(transition, visibleSeconds) * frameRate, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The ffmpeg xfade transition for a plan transition; null for a hard cut. "fade" dips through black and
    /// "dissolve" is a smooth cross-dissolve: xfade's own "dissolve" is a random-pixel stipple that encodes as
    /// noise (measured: 0.4 s of it took 2.2 MB and most of the encode time) and reads as flicker to QA.
    /// </summary>
    public static string? XfadeName(string transition) => Normalize(transition) switch
    {
        "fade" => "fadeblack",
        "dissolve" => "fade",
        "wipe" => "wipeleft",
        "slide" => "slideleft",
        _ => null,
    };

    public static bool IsCut(string transition) => XfadeName(transition) is null;

    private static string Normalize(string transition) => (transition ?? "").Trim().ToLowerInvariant();
}
