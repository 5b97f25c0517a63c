using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;

namespace AiProd.Workers.Qa;

/// <summary>A check's result and, when it failed, the sentence that says why.</summary>
internal sealed record CheckOutcome(QaCheck Check, string? Reason);

/// <summary>The ten checks plus the facts that fail a video on their own.</summary>
internal sealed record TechnicalFindings(IReadOnlyList<CheckOutcome> Outcomes, bool Decodable, bool DurationOk, bool AudioMissing);

/// <summary>The ten technical checks as a pure function of what ffprobe measured.</summary>
internal static class TechnicalChecks
{
    public static TechnicalFindings Run(MediaInfo info, QaExpectations? expected, QaOptions o)
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
            $"The frame is {video.Width}x{video.Height}, not the required size."));

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

        return new TechnicalFindings(outcomes, decodable, durationOk, audioMissing && requireAudio);
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
