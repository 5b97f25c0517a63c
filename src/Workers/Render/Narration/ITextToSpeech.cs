using AiProd.Contracts;

namespace AiProd.Workers.Render.Narration;

/// <summary>Speaks one narration line into a WAV file, in the request's language, voice and speaking rate.</summary>
public interface ITextToSpeech
{
    /// <summary>Which voice engine this is, for logs and the manifest ("espeak-ng", "google-tts").</summary>
    string Name { get; }

    /// <summary>Writes <paramref name="text"/> spoken to <paramref name="wavFile"/>.</summary>
    Task SynthesizeAsync(string text, VideoRequest request, string wavFile, CancellationToken cancellationToken);
}
