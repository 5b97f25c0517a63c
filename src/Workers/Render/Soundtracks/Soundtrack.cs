using AiProd.Contracts;

namespace AiProd.Workers.Render.Soundtracks;

/// <summary>
/// A video's soundtrack before the join: the mix of the music bed and the voice (48 kHz stereo float WAV, not yet
/// normalised), the narration lines as they sit in it, and the gain that brings it to the target loudness.
/// </summary>
/// <param name="WavFile">The mix, a local file.</param>
/// <param name="Cues">The narration lines placed on the video's timeline.</param>
/// <param name="GainDb">The linear gain to the target loudness (clamped to ±30 dB).</param>
public sealed record Soundtrack(string WavFile, IReadOnlyList<NarrationCue> Cues, double GainDb);
