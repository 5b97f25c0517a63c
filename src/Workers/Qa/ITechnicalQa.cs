using AiProd.Contracts;

namespace AiProd.Workers.Qa;

/// <summary>The ffprobe/ffmpeg technical gate: 10 checks plus black/frozen/silence detection.</summary>
public interface ITechnicalQa
{
    /// <summary>
    /// Checks <paramref name="file"/>. With <paramref name="expected"/> the duration, resolution and frame rate are
    /// checked against the request; without it (any file, from <c>aiprod qa</c>) against the file's own streams.
    /// Never throws for a bad or non-video file: that is a failed report.
    /// </summary>
    Task<TechnicalQaReport> CheckAsync(
        string file,
        QaExpectations? expected,
        IReadOnlyList<ShotTiming> timeline,
        CancellationToken cancellationToken);
}

/// <summary>What the request asked for.</summary>
public sealed record QaExpectations(double DurationSeconds, int Width, int Height, int FrameRate, bool RequireAudio = true);
