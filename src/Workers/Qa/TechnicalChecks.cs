using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;

namespace AiProd.Workers.Qa;

/// <summary>A check's result and, when it failed, the sentence that says why.</summary>
internal sealed record CheckOutcome(QaCheck Check, string? Reason);

/// <summary>The checks plus the facts that fail a video on their own.</summary>
internal sealed record TechnicalFindings(IReadOnlyList<CheckOutcome> Outcomes, bool Decodable, bool AudioMissing);

/// <summary>The technical checks as a pure function of what ffprobe and the loudness meter measured.</summary>
internal static class TechnicalChecks
{
    public static TechnicalFindings Run(MediaInfo info, QaExpectations? expected, QaOptions o, DefectScan? scan = null)
    {
        var video = info.Video!;
        var videoSeconds = video.DurationSeconds ?? info.DurationSeconds ?? 0;
        var containerSeconds = info.DurationSeconds ?? videoSeconds;
        var outcomes = new List<CheckOutcome>(10);

        // 1. Resolution
        var shortSide = Math.Min(video.Width, video.Height);
        var sizeOk = shortSide >= o.MinShortSide && (expected is null || (video.Width == expected.Width && video.Height == expected.Height));
        outcomes.Add(Outcome(
            "resolution", sizeOk,
            expected is null ? $"short side >= {o.MinShortSide}" : $"{expected.Width}x{expected.Height} (short side >= {o.MinShortSide})",
            $"{video.Width}x{video.Height}",
            ResolutionFailure(video.Width, video.Height, shortSide, expected, o.MinShortSide)));

        // 2. Codec
        outcomes.Add(Outcome("codec", video.Codec == "h264", "h264", video.Codec, $"The video codec is {video.Codec}, not H.264."));

        // 3. Bitrate
        var kbps = VideoKbps(info, videoSeconds);
        outcomes.Add(Outcome(
            "bitrate", kbps is { } k && k >= o.MinVideoBitrateKbps && k <= o.MaxVideoBitrateKbps,
            $"{o.MinVideoBitrateKbps}-{o.MaxVideoBitrateKbps} kbit/s", kbps is { } b ? $"{b:F0} kbit/s" : "unknown",
            $"The video bitrate ({(kbps is { } r ? $"{r:F0} kbit/s" : "unknown")}) is outside {o.MinVideoBitrateKbps}-{o.MaxVideoBitrateKbps} kbit/s."));

        // 4. Frame rate
        var fps = video.FrameRate;
        var allowed = o.AllowedFrameRates.Any(a => Math.Abs(a - fps) < 0.01);
        var fpsOk = allowed && (expected is null || Math.Abs(expected.FrameRate - fps) < 0.01);
        outcomes.Add(Outcome(
            "frame_rate", fpsOk,
            expected is null ? string.Join("/", o.AllowedFrameRates) : $"{expected.FrameRate}", F(fps),
            $"The frame rate is {F(fps)} fps, not {(expected is null ? string.Join(", ", o.AllowedFrameRates) : expected.FrameRate.ToString(CultureInfo.InvariantCulture))}."));

        // 5. Duration
        bool durationOk;
        if (expected is not null)
        {
            durationOk = Math.Abs(containerSeconds - expected.DurationSeconds) <= expected.DurationSeconds * o.DurationTolerance;
            outcomes.Add(Outcome(
                "duration", durationOk, $"{F(expected.DurationSeconds)} s ±{o.DurationTolerance:P0}", $"{F(containerSeconds)} s",
                $"The video lasts {F(containerSeconds)} s instead of {F(expected.DurationSeconds)} s (±{o.DurationTolerance:P0})."));
        }
        else
        {
            durationOk = containerSeconds > 0 && Math.Abs(containerSeconds - videoSeconds) <= o.StreamDurationToleranceSeconds;
            outcomes.Add(Outcome(
                "duration", durationOk, $"container and video stream within {F(o.StreamDurationToleranceSeconds)} s",
                $"container {F(containerSeconds)} s, video {F(videoSeconds)} s",
                $"The container says {F(containerSeconds)} s but the video stream lasts {F(videoSeconds)} s."));
        }

        // 6. Audio/video sync
        var requireAudio = expected?.RequireAudio ?? o.RequireAudio;
        var audioMissing = info.Audio is null;
        var audioSeconds = info.Audio?.DurationSeconds ?? containerSeconds;
        var syncOk = audioMissing ? !requireAudio : Math.Abs(audioSeconds - videoSeconds) <= o.AvSyncToleranceSeconds;
        outcomes.Add(Outcome(
            "audio_sync", syncOk, $"audio track within {F(o.AvSyncToleranceSeconds)} s of the video",
            audioMissing ? "no audio track" : $"audio {F(audioSeconds)} s, video {F(videoSeconds)} s",
            audioMissing ? "The video has no audio track." : $"The audio lasts {F(audioSeconds)} s but the video {F(videoSeconds)} s."));

        // 7. Colour
        var colorOk = video.PixelFormat == "yuv420p" && (video.ColorSpace is null or "bt709" or "unknown");
        outcomes.Add(Outcome(
            "color", colorOk, "yuv420p, bt709 or unspecified", $"{video.PixelFormat}, {video.ColorSpace ?? "unspecified"}",
            $"The picture is {video.PixelFormat} in {video.ColorSpace ?? "unspecified"} colour, not yuv420p bt709."));

        // 8. Container: ffprobe names the whole ISO family "mov,mp4,..."; the brand tells MP4 from QuickTime.
        info.Tags.TryGetValue("major_brand", out var brand);
        var containerOk = info.FormatName.Contains("mp4", StringComparison.Ordinal) && !string.Equals(brand?.Trim(), "qt", StringComparison.Ordinal);
        outcomes.Add(Outcome(
            "container", containerOk, "mp4", $"{info.FormatName} ({brand ?? "no brand"})", $"The container is {info.FormatName} ({brand ?? "no brand"}), not MP4."));

        // 9. Size per minute
        var mbPerMinute = containerSeconds > 0 ? info.SizeBytes / 1_000_000.0 / (containerSeconds / 60) : 0;
        outcomes.Add(Outcome(
            "size_per_minute", mbPerMinute >= o.MinMegabytesPerMinute && mbPerMinute <= o.MaxMegabytesPerMinute,
            $"{F(o.MinMegabytesPerMinute)}-{F(o.MaxMegabytesPerMinute)} MB/min", $"{mbPerMinute:F1} MB/min",
            $"The file takes {mbPerMinute:F1} MB per minute, outside {F(o.MinMegabytesPerMinute)}-{F(o.MaxMegabytesPerMinute)} MB."));

        // 10. Metadata and a full decode: counting decoded frames is what catches a truncated file.
        var hasMetadata = new[] { "title", "comment", "encoder" }.Any(k => info.Tags.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v))
            || (video.Tags.TryGetValue("encoder", out var enc) && !string.IsNullOrWhiteSpace(enc));
        var expectedFrames = (long)Math.Round(containerSeconds * fps);
        var framesRead = video.FramesRead ?? 0;
        var missingAllowed = Math.Max(2, (long)Math.Ceiling(expectedFrames * o.MissingFramesTolerance));
        var decodable = framesRead > 0 && framesRead >= expectedFrames - missingAllowed;
        outcomes.Add(Outcome(
            "metadata_and_decode", hasMetadata && decodable, $"title/comment/encoder tag and about {expectedFrames} decodable frames",
            $"{(hasMetadata ? "tags present" : "no tags")}, {framesRead} frames decoded",
            !decodable
                ? $"Only {framesRead} of about {expectedFrames} frames decode, so the file is truncated or corrupt."
                : "The file carries no title, comment or encoder metadata."));

        // 11. Loudness (EBU R128 integrated, what streaming platforms normalise to).
        var lufs = scan?.IntegratedLufs;
        var loudOk = audioMissing ? !requireAudio : lufs is { } l && Math.Abs(l - o.TargetLufs) <= o.LoudnessToleranceLu;
        var lufsText = lufs is { } lv ? $"{F(lv)} LUFS" : "not measured";
        outcomes.Add(Outcome(
            "loudness", loudOk, $"{F(o.TargetLufs)} LUFS ±{F(o.LoudnessToleranceLu)} LU (EBU R128 integrated)",
            audioMissing ? "no audio track" : lufsText,
            audioMissing ? "The video has no audio track to measure." : $"The mix measures {lufsText}, not {F(o.TargetLufs)} LUFS ±{F(o.LoudnessToleranceLu)} LU."));

        // 12. Narration presence: only when the composer laid voice-over lines in.
        if (expected?.Narration is { Count: > 0 } cues)
            outcomes.Add(NarrationCheck(cues, scan?.Momentary ?? [], o));

        return new TechnicalFindings(outcomes, decodable, audioMissing && requireAudio);
    }

    /// <summary>
    /// Whether a voice is there where the plan put one: the momentary loudness while the lines play must stand above
    /// the ducked music between them. A mix without the voice has the same level throughout and fails.
    /// </summary>
    internal static CheckOutcome NarrationCheck(IReadOnlyList<NarrationCue> cues, IReadOnlyList<(double Time, double Lufs)> momentary, QaOptions o)
    {
        // The momentary window is 400 ms long and trails its timestamp; skip the first 0.4 s of every stretch.
        bool Inside(double t) => cues.Any(c => t >= c.StartSeconds + 0.4 && t <= c.EndSeconds);
        bool Between(double t) => !cues.Any(c => t >= c.StartSeconds - 0.1 && t <= c.EndSeconds + 0.45);
        var voiced = momentary.Where(m => Inside(m.Time) && m.Lufs > -70).Select(m => m.Lufs).ToList();
        var bed = momentary.Where(m => Between(m.Time) && m.Time >= 0.4 && m.Lufs > -70).Select(m => m.Lufs).ToList();
        var expectedText = $"{cues.Count} voice-over line(s) at least {F(o.NarrationMinLiftLu)} LU above the music between them";
        if (voiced.Count == 0)
            return Outcome("narration", false, expectedText, "no sound where the lines are", "No voice-over can be heard where the narration lines are.");
        var voice = Median(voiced);
        // Lines back to back leave no gap to compare with: the voice must then simply be there, above -40 LUFS.
        var lift = bed.Count == 0 ? (double?)null : voice - Median(bed);
        var ok = lift is { } d ? d >= o.NarrationMinLiftLu : voice > -40;
        var actual = lift is { } v ? $"voice {F(Math.Round(voice, 1))} LUFS, {F(Math.Round(v, 1))} LU above the music" : $"voice {F(Math.Round(voice, 1))} LUFS, no gap between lines";
        return Outcome("narration", ok, expectedText, actual, $"The voice-over does not stand out from the music ({actual}).");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static string ResolutionFailure(int width, int height, int shortSide, QaExpectations? expected, int minShortSide)
    {
        if (expected is not null && (width < expected.Width || height < expected.Height))
            return $"The frame is {width}x{height}, below the requested {expected.Width}x{expected.Height}.";
        if (shortSide < minShortSide)
            return $"The frame is {width}x{height}: its short side is below {minShortSide} pixels.";
        return $"The frame is {width}x{height}, not the requested {expected?.Width}x{expected?.Height}.";
    }

    private static double? VideoKbps(MediaInfo info, double seconds)
    {
        if (info.Video?.BitRate is { } bps)
            return bps / 1000.0;
        // Some containers leave the stream bitrate out; derive it from the size minus a typical audio track.
        return seconds > 0 ? (info.SizeBytes * 8.0 / seconds - (info.Audio is null ? 0 : 128_000)) / 1000.0 : null;
    }

    private static CheckOutcome Outcome(string name, bool passed, string expected, string actual, string failure) =>
        new(new QaCheck(name, passed, expected, actual), passed ? null : failure);

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
