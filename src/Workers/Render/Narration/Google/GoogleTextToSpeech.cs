using AiProd.Contracts;

namespace AiProd.Workers.Render.Narration.Google;

/// <summary>Narration voiced by Cloud Text-to-Speech (registered instead of espeak-ng when its key is configured).</summary>
public sealed class GoogleTextToSpeech(GoogleTtsClient client) : ITextToSpeech
{
    public string Name => "google-tts";

    public async Task SynthesizeAsync(string text, VideoRequest request, string wavFile, CancellationToken cancellationToken)
    {
        var audio = await client.SynthesizeAsync(text, request, cancellationToken);
        await File.WriteAllBytesAsync(wavFile, audio, cancellationToken);
    }
}
