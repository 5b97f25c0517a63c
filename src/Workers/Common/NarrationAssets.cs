namespace AiProd.Workers.Common;

/// <summary>
/// The files that travel beside a composed video in the asset store: its narration cues (JSON) and subtitles. They share
/// the video's name ("composed-a1.mp4" → "composed-a1.srt"), so QA and delivery find them from the video's URI alone.
/// </summary>
public static class NarrationAssets
{
    public const string CuesExtension = ".cues.json";
    public const string SrtExtension = ".srt";
    public const string VttExtension = ".vtt";

    /// <summary>The URI of a sidecar of the video at <paramref name="videoUri"/>.</summary>
    public static string Sidecar(string videoUri, string extension) =>
        (videoUri.EndsWith(".mp4", StringComparison.Ordinal) ? videoUri[..^4] : videoUri) + extension;

    /// <summary>The store name of a sidecar of the video stored as <paramref name="videoName"/>.</summary>
    public static string SidecarName(string videoName, string extension) => Sidecar(videoName, extension);
}
