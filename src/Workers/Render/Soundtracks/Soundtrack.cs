using AiProd.Contracts;

namespace AiProd.Workers.Render.Soundtracks;

/// <summary>
/// A video's soundtrack before the join: the mix of the music bed and the voice (48 kHz stereo float WAV, not yet
/// normalised), the narration lines as they sit in it, and the gain that brings it to the target loudness.
/// </summary>
/// <param name="WavFile">The mix, a local file.</param>
/// <param name="Cues">The narration lines placed on the video's timeline.</param>
/// <param name="GainDb">The linear gain to the target loudness (clamped to ±30 dB).</param>
public sealed record Soundtrack(string WavFile, IReadOnlyList<NarrationCue> Cues, double GainDb)
{
    /// <summary>
    /// The delivery's audio track already encoded from this mix (the gain, the limiter and AAC, as the stream-copy join
    /// would encode it), when it was made ahead; the join then copies it. Null: the join encodes the mix itself.
    /// </summary>
    public EncodedSoundtrack? Encoded { get; init; }
}

/// <summary>A soundtrack's delivery audio track: AAC in an MP4 file, <paramref name="Seconds"/> long, at <paramref name="BitrateKbps"/>.</summary>
/// <param name="File">The track, a local file.</param>
/// <param name="Seconds">The length it was cut to (the plan's <c>TotalSeconds</c>).</param>
/// <param name="BitrateKbps">The AAC bitrate it was encoded at (<see cref="RenderOptions.AudioBitrateKbps"/>).</param>
public sealed record EncodedSoundtrack(string File, double Seconds, int BitrateKbps);
