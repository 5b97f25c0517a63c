using AiProd.Contracts;

namespace AiProd.Workers.Render;

/// <summary>Joins rendered clips with their transitions into one delivery MP4 (H.264, yuv420p, AAC).</summary>
public interface IVideoComposer
{
    /// <summary>
    /// Composes <paramref name="clips"/> (local files, in shot order) into <paramref name="outputFile"/>.
    /// Returns the measured duration and where each shot sits in the result.
    /// </summary>
    Task<ComposeResult> ComposeAsync(
        Guid videoId,
        VideoRequest request,
        IReadOnlyList<Shot> shots,
        IReadOnlyList<string> clips,
        string outputFile,
        CancellationToken cancellationToken) => ComposeAsync(videoId, request, shots, clips, outputFile, null, cancellationToken);

    /// <summary>
    /// The same with the soundtrack made ahead (<see cref="Soundtracks.PreparedSoundtracks"/>) for this request and
    /// these shots, or null to make it here.
    /// </summary>
    Task<ComposeResult> ComposeAsync(
        Guid videoId,
        VideoRequest request,
        IReadOnlyList<Shot> shots,
        IReadOnlyList<string> clips,
        string outputFile,
        Soundtracks.Soundtrack? soundtrack,
        CancellationToken cancellationToken) => ComposeAsync(videoId, request, shots, clips, [], outputFile, soundtrack, cancellationToken);

    /// <summary>
    /// The same with the clips' indexes as their render steps stored them (<see cref="StoredClipIndex"/>; in clip order,
    /// null or missing entries allowed): one that describes its clip's bytes saves reading that clip again, any other
    /// is ignored and the clip read.
    /// </summary>
    Task<ComposeResult> ComposeAsync(
        Guid videoId,
        VideoRequest request,
        IReadOnlyList<Shot> shots,
        IReadOnlyList<string> clips,
        IReadOnlyList<StoredClipIndex?> indexes,
        string outputFile,
        Soundtracks.Soundtrack? soundtrack,
        CancellationToken cancellationToken);
}

/// <summary>What composing produced: the length, each shot's place and the narration lines as they sit in the video.</summary>
public sealed record ComposeResult(double DurationSeconds, IReadOnlyList<ShotTiming> Timeline)
{
    public IReadOnlyList<NarrationCue> Narration { get; init; } = [];
}
