using System.ComponentModel.DataAnnotations;

namespace AiProd.Media;

/// <summary>Where the ffmpeg tools are and how long one invocation may run (section <c>Media</c>).</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>The ffmpeg executable: a name looked up on PATH or a full path.</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The ffprobe executable: a name looked up on PATH or a full path.</summary>
    [Required]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>espeak-ng, the offline text-to-speech voice for narration (Debian package espeak-ng).</summary>
    public string EspeakPath { get; set; } = "espeak-ng";

    /// <summary>Longest time one ffmpeg or ffprobe run may take before it is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "02:00:00")]
    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
