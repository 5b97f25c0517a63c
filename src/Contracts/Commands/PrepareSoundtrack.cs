namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga beside the <see cref="RenderShot"/> fan-out when the Render stage starts; consumed by the render
/// worker, which speaks the narration, mixes it over the music bed and measures its loudness while the shots render,
/// and stores the result among the video's assets under a content hash of what it depends on (the request's voice
/// settings and the plan's lines and timing). <see cref="ComposeVideo"/> uses it when the hash matches and it is
/// stored, else makes the soundtrack itself. Nothing answers it, and a failure is only logged: it cannot fail or
/// delay the video.
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="Attempt">The saga's stage attempt when it was sent.</param>
/// <param name="Request">The request (its narration, language, voice and speech rate).</param>
/// <param name="Shots">The plan's shots, as <see cref="ComposeVideo"/> will carry them.</param>
public sealed record PrepareSoundtrack(Guid VideoId, int Attempt, VideoRequest Request, IReadOnlyList<Shot> Shots) : IVideoMessage;
