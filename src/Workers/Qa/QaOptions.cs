using System.ComponentModel.DataAnnotations;
using AiProd.Workers.Qa.Consistency;

namespace AiProd.Workers.Qa;

/// <summary>Thresholds of the technical gate and the offline semantic evaluator (section <c>Qa</c>).</summary>
public sealed class QaOptions : IValidatableObject
{
    public const string Section = "Qa";

    /// <summary>Checks (of 11, or 12 with narration) that must pass; blocking checks, an undecodable file and blocking defects fail regardless.</summary>
    [Range(1, 12)]
    public int MinPassedChecks { get; set; } = 9;

    /// <summary>
    /// Checks whose failure fails the video on its own, by name: any of resolution, codec, bitrate, frame_rate,
    /// duration, audio_sync, color, container, size_per_minute, metadata_and_decode, loudness, narration.
    /// Comma-separated; empty blocks on none. An undecodable file and a required audio track that is missing always fail.
    /// </summary>
    public string BlockingChecks { get; set; } = "resolution,duration";

    /// <summary>Every check name the gate knows, in report order.</summary>
    public static IReadOnlyList<string> CheckNames { get; } =
        ["resolution", "codec", "bitrate", "frame_rate", "duration", "audio_sync", "color", "container", "size_per_minute", "metadata_and_decode", "loudness", "narration"];

    /// <summary><see cref="BlockingChecks"/> as a set of names.</summary>
    public IReadOnlySet<string> BlockingCheckSet =>
        (BlockingChecks ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Integrated loudness the delivered mix aims at, LUFS (EBU R128; −14 is what streaming platforms play at).</summary>
    [Range(-70.0, 0.0)]
    public double TargetLufs { get; set; } = -14;

    /// <summary>How far the measured integrated loudness may be from <see cref="TargetLufs"/>, in LU.</summary>
    [Range(0.1, 30.0)]
    public double LoudnessToleranceLu { get; set; } = 2;

    /// <summary>How much louder (LU, momentary loudness) the narrated stretches must be than the ducked music between them.</summary>
    [Range(0.0, 40.0)]
    public double NarrationMinLiftLu { get; set; } = 3;

    /// <summary>Smallest acceptable short side of the frame, in pixels.</summary>
    [Range(16, 4320)]
    public int MinShortSide { get; set; } = 720;

    /// <summary>Lowest acceptable video bitrate, kbit/s; below it the picture is starved.</summary>
    [Range(1, 1_000_000)]
    public int MinVideoBitrateKbps { get; set; } = 100;

    /// <summary>Highest acceptable video bitrate, kbit/s; above it the file is wasteful to deliver.</summary>
    [Range(1, 1_000_000)]
    public int MaxVideoBitrateKbps { get; set; } = 40_000;

    /// <summary>Frame rates a delivered video may have.</summary>
    [Required, MinLength(1)]
    public int[] AllowedFrameRates { get; set; } = [24, 30, 60];

    /// <summary>Allowed relative deviation of the duration from the request (0.05 = ±5 %).</summary>
    [Range(0.0, 1.0)]
    public double DurationTolerance { get; set; } = 0.05;

    /// <summary>Without expectations: how far container and video-stream durations may disagree, in seconds.</summary>
    [Range(0.0, 60.0)]
    public double StreamDurationToleranceSeconds { get; set; } = 0.5;

    /// <summary>How far the audio track's length may differ from the video's, in seconds.</summary>
    [Range(0.0, 10.0)]
    public double AvSyncToleranceSeconds { get; set; } = 0.1;

    /// <summary>Smallest plausible file size per minute of video, in MB.</summary>
    [Range(0.0, 10_000.0)]
    public double MinMegabytesPerMinute { get; set; } = 0.5;

    /// <summary>Largest acceptable file size per minute of video, in MB.</summary>
    [Range(0.0, 10_000.0)]
    public double MaxMegabytesPerMinute { get; set; } = 400;

    /// <summary>Frames that may be missing from a full decode (relative, 0.02 = 2 %, at least 2 frames) before the file counts as truncated.</summary>
    [Range(0.0, 0.5)]
    public double MissingFramesTolerance { get; set; } = 0.02;

    /// <summary>Without expectations: whether a missing audio track fails the video.</summary>
    public bool RequireAudio { get; set; } = true;

    /// <summary>blackdetect: shortest black segment that counts as a defect, in seconds.</summary>
    [Range(0.05, 60.0)]
    public double BlackMinSeconds { get; set; } = 1.0;

    /// <summary>blackdetect pix_th: luma below this fraction of the range counts as black.</summary>
    [Range(0.0, 1.0)]
    public double BlackPixelThreshold { get; set; } = 0.10;

    /// <summary>freezedetect noise tolerance (dB or ratio); -60dB flags only truly unchanged pictures.</summary>
    [Required]
    public string FreezeNoise { get; set; } = "-60dB";

    /// <summary>freezedetect: shortest frozen segment that counts as a defect, in seconds.</summary>
    [Range(0.1, 60.0)]
    public double FreezeMinSeconds { get; set; } = 2.0;

    /// <summary>silencedetect noise floor; quieter audio counts as silence.</summary>
    [Required]
    public string SilenceNoise { get; set; } = "-50dB";

    /// <summary>silencedetect: shortest silence that is reported, in seconds.</summary>
    [Range(0.1, 60.0)]
    public double SilenceMinSeconds { get; set; } = 2.0;

    /// <summary>Silence covering at least this fraction of the audio is a blocking defect.</summary>
    [Range(0.0, 1.0)]
    public double SilenceBlockingFraction { get; set; } = 0.5;

    /// <summary>Overall semantic score (0–10) needed to pass semantic QA.</summary>
    [Range(0.0, 10.0)]
    public double SemanticPassThreshold { get; set; } = 7.0;

    /// <summary>Width of the downscaled decode the semantic signals are measured on; small is fast and enough for global statistics.</summary>
    [Range(64, 1920)]
    public int SemanticAnalysisWidth { get; set; } = 320;

    /// <summary>
    /// Detail (siti's SI) and blur (blurdetect) are measured on every Nth frame of the analysis picture — both are
    /// per-frame measures that the scoring reads as medians, and the two filters are two thirds of the semantic decode's
    /// filter time. 1 measures every frame (and keeps siti's TI, which needs consecutive frames).
    /// </summary>
    [Range(1, 24)]
    public int SemanticDetailEvery { get; set; } = 4;

    /// <summary>
    /// How the consistency scorer's narrative flow compares prompt, scenes and narration: <c>embeddings</c> (all-MiniLM-L6-v2
    /// on ONNX Runtime, loaded once per process on first use, ~330 MB resident; lexical when it cannot load) or
    /// <c>lexical</c> (TF-IDF over stemmed content words; no model).
    /// </summary>
    [EnumDataType(typeof(NarrativeSimilarity))]
    public NarrativeSimilarity NarrativeSimilarity { get; set; } = NarrativeSimilarity.Embeddings;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var name in BlockingCheckSet.Where(n => !CheckNames.Contains(n)))
            yield return new ValidationResult(
                $"Qa:BlockingChecks names an unknown check '{name}'; use any of {string.Join(", ", CheckNames)}.", [nameof(BlockingChecks)]);
    }
}
