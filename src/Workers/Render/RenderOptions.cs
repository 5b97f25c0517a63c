using System.ComponentModel.DataAnnotations;

namespace AiProd.Workers.Render;

/// <summary>The local ffmpeg renderer and the composer (section <c>Render</c>).</summary>
public sealed class RenderOptions
{
    public const string Section = "Render";

    /// <summary>What a second of locally rendered video costs, in US dollars (electricity and machine time).</summary>
    [Range(typeof(decimal), "0", "10")]
    public decimal LocalPricePerSecondUsd { get; set; } = 0.001m;

    /// <summary>Font used for captions.</summary>
    [Required]
    public string FontFile { get; set; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>
    /// Short side, in pixels, of the canvas the procedural visuals are drawn on before they are scaled up to the
    /// spec size. The visuals are soft, so a small canvas looks the same and renders several times faster.
    /// </summary>
    [Range(90, 1080)]
    public int CanvasShortSide { get; set; } = 216;

    /// <summary>
    /// How clips are joined. <see cref="ComposeMode.Copy"/> (default): local shots are encoded once, at the delivery
    /// settings, and joined without a second encode. <see cref="ComposeMode.Reencode"/>: the old two-encode path.
    /// </summary>
    public ComposeMode Compose { get; set; } = ComposeMode.Copy;

    /// <summary>x264 preset of the intermediate shot clips in <see cref="ComposeMode.Reencode"/> mode; they are encoded again by the composer, so speed wins.</summary>
    [Required]
    public string ClipPreset { get; set; } = "ultrafast";

    /// <summary>x264 CRF of the intermediate clips in <see cref="ComposeMode.Reencode"/> mode; low, so the second encode starts from near-lossless input.</summary>
    [Range(0, 51)]
    public int ClipCrf { get; set; } = 16;

    /// <summary>
    /// x264 preset of the delivered video. superfast: the procedural footage moves across the whole frame, and on it
    /// veryfast costs about 1.5x the CPU (measured 5.8 s vs 3.9 s for 10 s of 720p) for half the bitrate.
    /// </summary>
    [Required]
    public string DeliveryPreset { get; set; } = "superfast";

    /// <summary>x264 CRF of the delivered video (about 20–23 is visually clean at a moderate bitrate).</summary>
    [Range(0, 51)]
    public int DeliveryCrf { get; set; } = 21;

    /// <summary>AAC bitrate of the delivered audio track, in kbit/s.</summary>
    [Range(32, 512)]
    public int AudioBitrateKbps { get; set; } = 128;

    /// <summary>Integrated loudness the delivered mix is normalised to, LUFS (EBU R128, ffmpeg loudnorm); −14 is what streaming platforms play at.</summary>
    [System.ComponentModel.DataAnnotations.Range(-40.0, -5.0)]
    public double TargetLufs { get; set; } = -14;

    /// <summary>
    /// Whether this worker makes a video's soundtrack while its shots render (<c>PrepareSoundtrack</c>); false leaves
    /// the command unanswered and the composer makes the soundtrack, as before. Off where render replicas are short of
    /// CPU: on a saturated node it competes with the shots it would overlap.
    /// </summary>
    public bool PrepareSoundtrack { get; set; } = true;
}
