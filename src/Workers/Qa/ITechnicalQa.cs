using AiProd.Contracts;
using AiProd.Media;

namespace AiProd.Workers.Qa;

/// <summary>The ffprobe/ffmpeg technical gate: 11 checks (12 with narration) plus black/frozen/silence detection.</summary>
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

    /// <summary>
    /// <see cref="CheckAsync"/>, with the streams it read from the file (null when it could not read them or this
    /// implementation does not say), so a caller that needs the picture's size or length does not probe the file again.
    /// </summary>
    async Task<(TechnicalQaReport Report, MediaInfo? Streams)> CheckWithStreamsAsync(
        string file,
        QaExpectations? expected,
        IReadOnlyList<ShotTiming> timeline,
        CancellationToken cancellationToken) =>
        (await CheckAsync(file, expected, timeline, cancellationToken), null);
}

/// <summary>What the request asked for.</summary>
/// <param name="DurationSeconds">Requested length.</param>
/// <param name="Width">Requested frame width.</param>
/// <param name="Height">Requested frame height.</param>
/// <param name="FrameRate">Requested frame rate.</param>
/// <param name="RequireAudio">Whether a missing audio track fails the video.</param>
/// <param name="Narration">The voice-over lines the composer laid in; when there are any, the narration check runs.</param>
/// <param name="SemanticSignals">
/// This file is judged semantically next: measure the semantic signals in the technical decode and keep them for that
/// stage (<see cref="QaSignalCache"/>), so the video is decoded once for both.
/// </param>
public sealed record QaExpectations(
    double DurationSeconds, int Width, int Height, int FrameRate, bool RequireAudio = true, IReadOnlyList<NarrationCue>? Narration = null,
    bool SemanticSignals = false);
