namespace AiProd.Contracts;

/// <summary>One voice-over line as it sits in the composed video: what is said and when (subtitles use the same timing).</summary>
/// <param name="SceneIndex">The scene the line belongs to.</param>
/// <param name="Text">What the voice says, exactly as the subtitle shows it.</param>
/// <param name="StartSeconds">When the voice starts, from the start of the video.</param>
/// <param name="EndSeconds">When the voice stops.</param>
public sealed record NarrationCue(int SceneIndex, string Text, double StartSeconds, double EndSeconds);
